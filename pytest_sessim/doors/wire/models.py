"""The botocore service models that drive the wire codecs, loaded once per process."""

from __future__ import annotations

import threading

from botocore.loaders import Loader, create_loader
from botocore.model import ServiceModel

__all__ = ["SERVICE_NAMES", "adopt", "service_model"]

SERVICE_NAMES: tuple[str, ...] = ("ses", "sesv2")

_lock = threading.Lock()
_loader: Loader | None = None
_models: dict[str, ServiceModel] = {}


def service_model(name: str) -> ServiceModel:
    """The botocore ``ServiceModel`` for ``ses`` or ``sesv2``, loaded on first use and cached."""
    model = _models.get(name)
    if model is not None:
        return model
    if name not in SERVICE_NAMES:
        raise ValueError(f"unknown service {name!r}; expected one of {SERVICE_NAMES}")
    global _loader
    with _lock:
        model = _models.get(name)
        if model is None:
            if _loader is None:
                _loader = create_loader()
            description = _loader.load_service_model(name, "service-2")
            model = ServiceModel(description, service_name=name)
            _models[name] = model
    return model


def adopt(model: ServiceModel) -> None:
    """Take a client's ``ses``/``sesv2`` model, loaded from the same files, rather than
    loading it again (the first simulated call's one-time cost)."""
    name = model.service_name
    if name in SERVICE_NAMES and name not in _models:
        with _lock:
            _models.setdefault(name, model)
