"""The rule types a YAML rule can `extend` for phrases, patterns and formulas: existence,
substitution, occurrence, conditional, metric. Each module registers its type with
`registry.rule_type`; the rule families in `families/` add the types YAML alone cannot say."""
