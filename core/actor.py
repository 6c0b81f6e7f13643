"""Who is acting: a user (from a session or a token) plus the request's address."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class Actor:
    """The acting user, the token used (if any) and the client IP, passed to every service."""

    user: object = field(default_factory=AnonymousUser)
    token_prefix: str = ""
    ip: str | None = None

    @property
    def is_authenticated(self) -> bool:
        """True for a logged-in user or a valid token."""
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def label(self) -> str:
        """A non-personal label for the audit log (the username, never an e-mail)."""
        if not self.is_authenticated:
            return "anonymous"
        return self.user.get_username()

    @classmethod
    def system(cls) -> Actor:
        """The platform itself (jobs, commands run without a user)."""
        return cls(user=AnonymousUser(), token_prefix="", ip=None)

    @classmethod
    def from_request(cls, request) -> Actor:
        """The actor of an HTTP request (session user or token user set by the API layer)."""
        return cls(
            user=getattr(request, "user", AnonymousUser()),
            token_prefix=getattr(request, "api_token_prefix", ""),
            ip=client_ip(request),
        )


def client_ip(request) -> str | None:
    """The client's address as the web server saw it (no X-Forwarded-For trust by default)."""
    return request.META.get("REMOTE_ADDR") or None
