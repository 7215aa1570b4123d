"""The rule catalogue as data (rules/): conditions, signals and dated thresholds.

    from compliance.rulebook import load_rulebook
    rulebook = load_rulebook(2022)          # validated, bound to the grant year
    rulebook.scope(Scope.line)              # RuleCase objects the engine evaluates

Nothing here knows about durable-rules: engine.py compiles these conditions, and the
tests' reference evaluator reads the same data.
"""
from .conditions import AllOf, AnyOf, Condition, Not, Test, describe, fields_of
from .load import Rulebook, load_rulebook
from .model import RuleCase
from .terms import Signal

__all__ = ["AllOf", "AnyOf", "Condition", "Not", "Test", "describe", "fields_of", "Rulebook", "load_rulebook",
           "RuleCase", "Signal"]
