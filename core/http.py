"""The one guarded client for outbound HTTP (harvesting, remote JSON-LD contexts…).

Kanmin fetches URLs that staff type in, and URLs that remote catalogs hand back (redirects,
paging links, contexts). Without a guard that is server-side request forgery: a source URL
or a redirect pointing at 127.0.0.1, the LAN, or the cloud metadata service at
169.254.169.254. So every request goes through ``fetch()``:

- only ``http`` and ``https``, and no user name or password in the URL;
- the host is resolved (``socket.getaddrinfo``, injectable for tests) and *every* address
  is checked with ``ipaddress``: loopback, private, link-local (with the metadata address),
  shared (100.64.0.0/10), unspecified, multicast, reserved, IPv6 unique-local and site-local,
  and IPv4 addresses embedded in IPv6 (mapped, 6to4, NAT64) are refused unless an operator
  allowed their range with ``KANMIN_OUTBOUND_ALLOW`` (a test network or an LGWAN range);
- the connection goes to the address that was checked (the URL keeps its host name, so the
  Host header, TLS SNI and certificate check use the name): a second DNS answer cannot
  swap in an internal address between the check and the connect (DNS rebinding);
- redirects are followed by hand, at most five, and each hop is checked the same way;
- environment proxies and ``.netrc`` are ignored (a proxy would make the check moot);
- connect and read timeouts, an overall deadline, and a size cap on the decoded body.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from requests.adapters import HTTPAdapter

from core.errors import ServiceError, TooLarge, formatted
from kanmin.env import ConfigError

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = (5.0, 30.0)  # (connect, read) seconds, per request
DEFAULT_DEADLINE = 300.0  # seconds for the whole fetch, redirects and body included
REDIRECT_CODES = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024
USER_AGENT = "Kanmin/0.1 (open data harvester; +%s)"  # the site URL tells operators who asks

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"),
                      ipaddress.ip_address("fd00:ec2::254")}
SHARED = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")

REASONS = {
    "metadata": _("クラウドのメタデータ"),
    "unspecified": _("未指定アドレス"),
    "loopback": _("ループバック"),
    "link_local": _("リンクローカル"),
    "multicast": _("マルチキャスト"),
    "shared": _("共有アドレス（CGNAT）"),
    "private": _("プライベート"),
    "site_local": _("サイトローカル"),
    "reserved": _("予約済み"),
    "not_global": _("インターネットで到達できない"),
}


class OutboundError(ServiceError):
    """An outbound fetch was refused or failed; the message says why, in ja and en."""

    status = 502

    def __init__(self, message, *, url: str = "", **kwargs):
        super().__init__(message, **kwargs)
        self.url = url


class OutboundRefused(OutboundError):
    """The URL or an address it resolves to is not allowed."""

    status = 400

    def __init__(self, message, *, url: str = "", reason: str = "", address: str = ""):
        super().__init__(message, url=url)
        self.reason = reason
        self.address = address


class ResponseTooLarge(OutboundError, TooLarge):
    """The response body is larger than the caller's limit."""

    status = 413


class OutboundFailed(OutboundError):
    """The remote server could not be reached, timed out, or redirected too often."""


@dataclass(frozen=True)
class FetchResult:
    """A fetched response: status, headers, the whole (capped) body, and the URL after redirects."""

    status: int
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(repr=False)
    final_url: str = ""

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased ('' when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def ok(self) -> bool:
        """True for a 2xx status."""
        return 200 <= self.status < 300


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (IP literals resolve to themselves)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The ranges KANMIN_OUTBOUND_ALLOW opens up (a loud error on a malformed entry)."""
    networks = []
    for item in getattr(settings, "OUTBOUND_ALLOW", []) or []:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError as exc:
            raise ConfigError(
                f"KANMIN_OUTBOUND_ALLOW: {item!r} is not an address range such as 10.0.0.0/8"
            ) from exc
    return networks


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why Kanmin will not connect to this address (a key of REASONS), or None if it may."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        reason = forbidden_reason(inner)
        if reason:
            return reason
    checks = (
        ("metadata", ip in METADATA_ADDRESSES),
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link_local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("shared", ip.version == 4 and ip in SHARED),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("site_local", ip.version == 6 and ip.is_site_local),
        ("not_global", not ip.is_global and inner is None),
    )
    for reason, matched in checks:
        if matched:
            return reason
    return None


def is_allowed(ip: IPAddress, networks=None) -> bool:
    """True when the operator allowed this address's range explicitly."""
    networks = allowed_networks() if networks is None else networks
    candidates = [ip]
    inner = _embedded_ipv4(ip)
    if inner is not None:
        candidates.append(inner)
    return any(candidate in network for candidate in candidates for network in networks)


def check_address(address: str, *, host: str = "", url: str = "", networks=None) -> IPAddress:
    """The parsed address if Kanmin may connect to it, else OutboundRefused."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError as exc:
        raise OutboundRefused(_("接続先のアドレスを解釈できません"), url=url,
                              reason="invalid", address=address) from exc
    reason = forbidden_reason(ip)
    if reason and not is_allowed(ip, networks):
        raise OutboundRefused(
            formatted(_("%(host)s は内部のアドレス %(address)s（%(reason)s）のため接続しません"),
                      host=host or address, address=ip, reason=REASONS[reason]),
            url=url, reason=reason, address=str(ip),
        )
    return ip


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    host_header: str


def check_url(url: str) -> _Target:
    """Refuse anything but an absolute http(s) URL with a host and no credentials."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise OutboundRefused(_("URLが正しくありません"), url=url, reason="invalid") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise OutboundRefused(_("http または https のURLだけを取得できます"), url=url,
                              reason="scheme")
    if parts.username is not None or parts.password is not None:
        raise OutboundRefused(_("URLに利用者名やパスワードを含めないでください"), url=url,
                              reason="credentials")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise OutboundRefused(_("URLにホスト名がありません"), url=url, reason="invalid")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    clean = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    return _Target(url=clean, scheme=scheme, host=host,
                   port=port or (443 if scheme == "https" else 80), host_header=netloc)


class _PinnedAdapter(HTTPAdapter):
    """Connects to one checked address while the URL, Host, SNI and certificate keep the name."""

    def __init__(self, address: str, host: str):
        self.address = address
        self.host = host
        super().__init__(max_retries=0, pool_connections=1, pool_maxsize=1)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        """Swap the host for the checked address; keep the name for TLS."""
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        host_params["host"] = self.address
        if host_params.get("scheme") == "https":
            pool_kwargs["server_hostname"] = self.host
            pool_kwargs["assert_hostname"] = self.host
        return host_params, pool_kwargs


def _resolve(target: _Target, resolver: Resolver, networks) -> list[str]:
    try:
        addresses = resolver(target.host, target.port)
    except (OSError, UnicodeError) as exc:
        raise OutboundFailed(formatted(_("%(host)s の名前解決に失敗しました"), host=target.host),
                             url=target.url) from exc
    if not addresses:
        raise OutboundFailed(formatted(_("%(host)s の名前解決に失敗しました"), host=target.host),
                             url=target.url)
    # Every address must pass: a name answering one public and one internal address is refused.
    return [str(check_address(a, host=target.host, url=target.url, networks=networks))
            for a in addresses]


def _send(target: _Target, addresses: list[str], *, headers: dict, timeout,
          verify: bool | str = True) -> requests.Response:
    last_error: Exception | None = None
    for address in addresses:
        session = requests.Session()
        session.trust_env = False  # no environment proxies, no .netrc credentials
        adapter = _PinnedAdapter(address, target.host)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        try:
            return session.get(target.url, headers={**headers, "Host": target.host_header},
                               stream=True, allow_redirects=False, timeout=timeout,
                               verify=verify)
        except requests.exceptions.ConnectTimeout as exc:
            last_error = exc
        except requests.exceptions.SSLError as exc:
            message = formatted(_("%(host)s のTLS証明書を確認できません"), host=target.host)
            raise OutboundFailed(message, url=target.url) from exc
        except requests.exceptions.ConnectionError as exc:
            last_error = exc
        except requests.exceptions.RequestException as exc:
            message = formatted(_("%(host)s からの応答がありません"), host=target.host)
            raise OutboundFailed(message, url=target.url) from exc
    raise OutboundFailed(formatted(_("%(host)s に接続できません"), host=target.host),
                         url=target.url) from last_error


def _read(response: requests.Response, *, max_bytes: int, deadline: float, url: str) -> bytes:
    too_large = ResponseTooLarge(
        formatted(_("応答が大きすぎます（上限 %(limit)s バイト）"), limit=f"{max_bytes:,}"),
        url=url,
    )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    chunks, total = [], 0
    try:
        for chunk in response.iter_content(CHUNK):
            total += len(chunk)
            if total > max_bytes:
                raise too_large
            if time.monotonic() > deadline:
                raise OutboundFailed(_("取得に時間がかかりすぎました"), url=url)
            chunks.append(chunk)
    except requests.exceptions.RequestException as exc:
        raise OutboundFailed(_("応答の受信中に接続が切れました"), url=url) from exc
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    accept: str | None = None,
    params: dict | None = None,
    resolver: Resolver | None = None,
    deadline: float = DEFAULT_DEADLINE,
    ca_bundle: str | None = None,
) -> FetchResult:
    """GET a URL through the guard and return the whole body (at most max_bytes, decoded).

    Raises OutboundRefused (scheme, credentials, a forbidden address on any hop),
    ResponseTooLarge, or OutboundFailed (DNS, connect, timeouts, more than five redirects).
    Any HTTP status is returned as is; the caller decides what a 404 means. Certificates are
    always verified, against certifi's roots or ``ca_bundle`` (a private CA's PEM file).
    """
    resolver = resolver or system_resolver
    networks = allowed_networks()
    if params:
        separator = "&" if urlsplit(url).query else "?"
        url = f"{url}{separator}{urlencode(params, doseq=True)}"
    headers = {"Accept": accept or "*/*", "User-Agent": USER_AGENT % settings.SITE_URL}
    ends = time.monotonic() + deadline
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        if time.monotonic() > ends:
            raise OutboundFailed(_("取得に時間がかかりすぎました"), url=current)
        target = check_url(current)
        addresses = _resolve(target, resolver, networks)
        response = _send(target, addresses, headers=headers, timeout=timeout,
                         verify=ca_bundle or True)
        try:
            location = response.headers.get("Location")
            if response.status_code in REDIRECT_CODES and location:
                current = urljoin(target.url, location)
                continue
            body = _read(response, max_bytes=max_bytes, deadline=ends, url=target.url)
            return FetchResult(
                status=response.status_code,
                headers={k.lower(): v for k, v in response.headers.items()},
                body=body,
                final_url=target.url,
            )
        finally:
            response.close()
    raise OutboundFailed(
        formatted(_("リダイレクトが多すぎます（%(n)s 回まで）"), n=MAX_REDIRECTS), url=url
    )
