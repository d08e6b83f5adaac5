"""Rule families: the rule types whose logic YAML cannot say (duplicates, cross-file duplicates,
claims, disclaimers, readability, spelling, grammar). Each module registers its types with
`registry.rule_type`; their ids, severities and documentation are YAML in rules/."""
