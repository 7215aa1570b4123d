"""A stored review as JSON and back. The JSON keeps the computed fields (``reconciles``,
``total`` …) for readers of the database; reading drops them again, since the models forbid
extra keys."""
from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from ...models import Review


def to_json(review: Review) -> dict[str, Any]:
    return review.model_dump(mode="json")


def from_json(data: dict[str, Any]) -> Review:
    return Review.model_validate(_without_computed(Review, data))


def _without_computed(model: type[BaseModel], data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    kept = {key: value for key, value in data.items() if key not in model.model_computed_fields}
    for name, field in model.model_fields.items():
        if name in kept:
            kept[name] = _value(field.annotation, kept[name])
    return kept


def _value(annotation: Any, value: Any) -> Any:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, tuple) and args and isinstance(value, list):
        return [_value(args[0], item) for item in value]
    if origin in (typing.Union, types.UnionType):
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        return _without_computed(models[0], value) if len(models) == 1 else value
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _without_computed(annotation, value)
    return value
