"""botocore's trie of event handlers, copied without copying it.

Every botocore session and every client holds its own copy of the trie of its event
handlers (several hundred nodes, one per event-name part): a copy walks the whole trie.
The sessions made during a simulated test are copied from a template, and each client
from its session, so a test paid for two whole copies. This trie gives the same handlers
for every event name and the same isolation (a handler registered on one copy is never
seen by another), but a copy shares the nodes of the trie it came from; a change then
copies only the nodes on its key's path, which become that trie's own.

It relies on the layout of botocore's ``_PrefixTrie`` (nodes are dicts with ``chunk``,
``children`` and ``values``, a ``NodeList`` or None), the same from botocore 1.34 to 1.44;
:func:`shared_emitter` falls back to botocore's own emitter when the layout differs.
"""

from __future__ import annotations

import copy
from typing import Any

from botocore import hooks

Node = dict[str, Any]
# private names of botocore.hooks (the type stubs leave them out)
_PrefixTrie: Any = vars(hooks)["_PrefixTrie"]
_MIDDLE: Any = vars(hooks)["_MIDDLE"]


class SharedTrie(_PrefixTrie):  # type: ignore[misc]
    """A ``_PrefixTrie`` whose copies share nodes until one of them changes."""

    _root: Node

    def __init__(self) -> None:
        super().__init__()
        # the nodes this trie may change in place, by id; held, so no id is reused
        self._own: dict[int, Node] = {id(self._root): self._root}

    def _owned(self, node: Node) -> Node:
        if id(node) in self._own:
            return node
        values = node["values"]
        mine: Node = {
            "chunk": node["chunk"],
            "values": None if values is None else copy.copy(values),
            "children": dict(node["children"]),
        }
        self._own[id(mine)] = mine
        return mine

    def _own_path(self, key: str) -> None:
        """Make every existing node on ``key``'s path this trie's own."""
        self._root = current = self._owned(self._root)
        for part in key.split("."):
            child = current["children"].get(part)
            if child is None:
                return
            current["children"][part] = current = self._owned(child)

    def append_item(self, key: str, value: Any, section: Any = _MIDDLE) -> None:
        self._own_path(key)
        super().append_item(key, value, section)
        self._own_path(key)  # nodes the append created are this trie's too

    def remove_item(self, key: str, value: Any) -> None:
        self._own_path(key)
        super().remove_item(key, value)

    def __copy__(self) -> SharedTrie:
        shared = self.__class__.__new__(self.__class__)
        shared._root = self._root
        shared._own = {}
        self._own = {}  # from now on both share every node
        return shared


def _usable() -> bool:
    """Whether botocore's trie still has the layout this one relies on."""
    try:
        probe = _PrefixTrie()
        probe.append_item("a.b", "x")
        node = probe._root["children"]["a"]["children"]["b"]
        return set(probe._root) == {"chunk", "children", "values"} and node["values"].middle == [
            "x"
        ]
    except Exception:
        return False


def shared_emitter() -> hooks.HierarchicalEmitter:
    """An empty emitter whose copies share its handlers until they change."""
    emitter = hooks.HierarchicalEmitter()
    if _usable():
        vars(emitter)["_handlers"] = SharedTrie()
    return emitter
