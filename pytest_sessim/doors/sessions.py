"""The boto3/botocore sessions code under test makes while a simulator is active.

While a simulator runs, boto3's default session is set aside (as moto's ``mock_aws``
does), so nothing resolved before the test (credentials above all) reaches the clients
the test makes; it is put back when the simulator stops. Every session made meanwhile
through ``boto3.Session()`` or ``botocore.session.get_session()`` (boto3's new default
session included) is:

* hermetic: no config or shared-credentials file is read, ``AWS_PROFILE`` and a
  ``profile_name`` are ignored, as are endpoint URLs configured in the environment.
  Credentials come from the environment, where the simulator puts fake ones, or are
  fake; the Region comes from the environment or is the simulator's;
* quick to make: it starts from a copy of a template holding botocore's built-in event
  handlers, instead of registering them one by one (the copy, and the copies its clients
  take, share the template's handlers until they change), and its data loader shares one
  cache (per search path) of the models, endpoints and partitions already loaded, so a
  client made in a test costs what it costs on a long-lived session.

Nothing here changes a session made outside a simulator, or one the application made
before the simulator started.
"""

from __future__ import annotations

import copy
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from botocore.configprovider import ChainProvider, ConstantProvider
from botocore.credentials import CredentialProvider, CredentialResolver, Credentials, EnvProvider
from botocore.loaders import Loader
from botocore.session import Session

from . import active
from .event_trie import shared_emitter

FAKE_KEY = "testing"
FAKE_ENVIRONMENT = {"AWS_ACCESS_KEY_ID": FAKE_KEY, "AWS_SECRET_ACCESS_KEY": FAKE_KEY}
# a real session token beside fake keys would still be sent along with them
HIDDEN_ENVIRONMENT = ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")


class FakeCredentials(CredentialProvider):
    """The last resort of a simulated session's credential chain: never a file, never
    the network (container or instance metadata)."""

    METHOD = "pytest-sessim"
    CANONICAL_NAME = "custom-pytest-sessim"

    def load(self) -> Credentials:
        return Credentials(FAKE_KEY, FAKE_KEY, method=self.METHOD)


class SharedCacheLoader(Loader):
    """botocore's loader, whose cache of loaded files is shared by every loader with the
    same search paths (botocore caches per loader, so each new session reloads them)."""

    _caches: ClassVar[dict[tuple[str, ...], dict[Any, Any]]] = {}

    @property
    def _cache(self) -> dict[Any, Any]:  # what botocore's ``instance_cache`` reads
        return self._caches.setdefault(tuple(self.search_paths), {})

    @_cache.setter
    def _cache(self, value: dict[Any, Any]) -> None:
        """``Loader.__init__`` sets an empty cache of its own: the shared one stays."""


def _loader_for(session: Session) -> Loader:
    """As ``botocore.loaders.create_loader`` builds it from the session's ``data_path``."""
    data_path = session.get_config_variable("data_path")
    if data_path is None:
        return SharedCacheLoader()
    paths = [os.path.expanduser(os.path.expandvars(path)) for path in data_path.split(os.pathsep)]
    return SharedCacheLoader(extra_search_paths=paths)


def make_hermetic(session: Session, region: str) -> None:
    """Cut a session off from the machine's AWS configuration (see the module docs)."""
    store = session.get_component("config_store")
    store.set_config_variable("config_file", os.devnull)
    store.set_config_variable("credentials_file", os.devnull)
    store.set_config_variable("profile", None)
    store.set_config_variable("ignore_configured_endpoint_urls", True)
    configured = store.get_config_provider("region")
    fallback = ConstantProvider(region)
    store.set_config_provider(
        "region", fallback if configured is None else ChainProvider([configured, fallback])
    )
    session.register_component(
        "credential_provider", CredentialResolver([EnvProvider(), FakeCredentials()])
    )
    session.lazy_register_component("data_loader", lambda: _loader_for(session))


class _Template:
    """botocore's built-in handlers, registered once, copied into each new session (a
    copy shares the template's trie of handlers until it changes: see event_trie)."""

    def __init__(self, handlers: list[Any]) -> None:
        self.handlers = handlers
        self.emitter = shared_emitter()
        Session(event_hooks=self.emitter)  # registers the built-in handlers into it


_lock = threading.Lock()
_template: _Template | None = None


def _current_template() -> _Template:
    """Rebuilt when the built-in list changed (moto adds its handler when imported)."""
    global _template
    from botocore.handlers import BUILTIN_HANDLERS

    template = _template
    if template is None or template.handlers != BUILTIN_HANDLERS:
        with _lock:
            template = _template = _Template(list(BUILTIN_HANDLERS))
    return template


def new_session(region: str) -> Session:
    """A hermetic botocore session with the built-in handlers, made in well under a
    millisecond once the first one exists."""
    hooks = copy.copy(_current_template().emitter)
    session = Session(event_hooks=hooks, include_builtin_handlers=False)
    make_hermetic(session, region)
    return session


_installed = False


def install() -> None:
    """Route ``botocore.session.get_session`` (which ``boto3.Session()`` calls) to
    :func:`new_session` while a simulator is active. Done once; inert otherwise."""
    global _installed
    if _installed:
        return
    _installed = True
    import botocore.session

    original: Callable[..., Session] = botocore.session.get_session

    def get_session(env_vars: Any = None) -> Session:
        simulator = active.current_simulator()
        if simulator is not None and env_vars is None:
            return new_session(simulator.region)
        return original(env_vars)

    botocore.session.get_session = get_session


class SimulatedEnvironment:
    """What a simulator changes for the code under test, undone when it stops: boto3's
    default session, and fake credentials in the environment."""

    def __init__(self) -> None:
        self._saved_env: dict[str, str | None] = {}
        self._saved_session: Any = None

    def enter(self) -> None:
        install()
        for key, value in FAKE_ENVIRONMENT.items():
            self._saved_env[key] = os.environ.get(key)
            os.environ[key] = value
        for key in HIDDEN_ENVIRONMENT:
            self._saved_env[key] = os.environ.pop(key, None)
        boto3 = sys.modules.get("boto3")
        if boto3 is not None:
            self._saved_session = getattr(boto3, "DEFAULT_SESSION", None)
            boto3.DEFAULT_SESSION = None  # type: ignore[attr-defined]  # made when first needed

    def exit(self) -> None:
        boto3 = sys.modules.get("boto3")
        if boto3 is not None:
            boto3.DEFAULT_SESSION = self._saved_session  # type: ignore[attr-defined]
        self._saved_session = None
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env.clear()
