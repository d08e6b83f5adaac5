"""Markup front ends: each module turns decoded text into a Document of prose blocks and registers
itself, with the suffixes it claims, through `registry.input_format`."""
