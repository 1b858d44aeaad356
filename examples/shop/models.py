"""The shop's data: customers and their orders."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Customer:
    name: str
    email: str


@dataclass
class LineItem:
    name: str
    quantity: int
    price_cents: int


@dataclass
class Order:
    id: str
    customer: Customer
    items: list[LineItem] = field(default_factory=list)
    delivered: bool = False

    @property
    def total_cents(self) -> int:
        return sum(item.quantity * item.price_cents for item in self.items)
