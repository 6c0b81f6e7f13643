"""The guarded outbound client refuses internal addresses, odd schemes and oversized bodies."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from core import http as guarded
from core.http import OutboundFailed, OutboundRefused, ResponseTooLarge, fetch
from kanmin.env import ConfigError


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status=200, body=b"", headers=None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if "Content-Length" not in (headers or {}) and body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/data":
            self._send(body="公園,住所\n".encode(), headers={"Content-Type": "text/csv"})
        elif parts.path == "/host":
            self._send(body=self.headers["Host"].encode())
        elif parts.path == "/redirect":
            self._send(302, headers={"Location": query["to"][0]})
        elif parts.path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif parts.path == "/big":
            self._send(body=b"x" * 5000)
        elif parts.path == "/big-unannounced":
            self.close_connection = True
            self.send_response(200)
            self.end_headers()
            for _ in range(5):
                self.wfile.write(b"x" * 1000)
        elif parts.path == "/slow":
            time.sleep(2)
            self._send(body=b"late")
        else:
            self._send(404, body=b"not found")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.protocol_version = "HTTP/1.0"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_loopback(settings):
    settings.OUTBOUND_ALLOW = ["127.0.0.0/8"]


@pytest.fixture
def no_network(monkeypatch):
    """Fail loudly if a refused fetch tried to connect anyway."""

    def refuse(*args, **kwargs):
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(guarded, "_send", refuse)


def stub(mapping):
    """A resolver answering from a dict, recording what it was asked."""
    asked = []

    def resolve(host, port):
        asked.append((host, port))
        return mapping[host]

    resolve.asked = asked
    return resolve


REFUSED = [
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "metadata"),
    ("169.254.10.20", "link_local"),
    ("100.64.0.1", "shared"),
    ("100.127.255.254", "shared"),
    ("0.0.0.0", "unspecified"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"),
    ("192.0.2.1", "private"),  # documentation range (TEST-NET-1) is not reachable either
    ("::1", "loopback"),
    ("::", "unspecified"),
    ("fe80::1", "link_local"),
    ("fc00::1", "private"),
    ("fd12:3456::1", "private"),
    ("fd00:ec2::254", "metadata"),
    ("fec0::1", "site_local"),
    ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:169.254.169.254", "metadata"),
    ("::ffff:10.0.0.1", "private"),
    ("2002:7f00:1::", "loopback"),  # 6to4 wrapping 127.0.0.1
    ("64:ff9b::a00:1", "private"),  # NAT64 wrapping 10.0.0.1
]


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_each_internal_range_is_refused_after_resolution(address, reason, no_network):
    resolver = stub({"data.example.jp": [address]})
    with pytest.raises(OutboundRefused) as caught:
        fetch("https://data.example.jp/catalog.ttl", max_bytes=1000, resolver=resolver)
    assert caught.value.reason == reason
    assert resolver.asked == [("data.example.jp", 443)]
    assert "data.example.jp" in str(caught.value)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
                                     "133.242.0.1"])
def test_public_addresses_pass_the_check(address):
    assert str(guarded.check_address(address, networks=[])) == address


def test_a_name_with_one_public_and_one_internal_address_is_refused(no_network):
    resolver = stub({"mixed.example.jp": ["93.184.215.14", "10.0.0.7"]})
    with pytest.raises(OutboundRefused) as caught:
        fetch("http://mixed.example.jp/", max_bytes=1000, resolver=resolver)
    assert caught.value.address == "10.0.0.7"


def test_an_operator_range_is_allowed_and_nothing_else(settings):
    settings.OUTBOUND_ALLOW = ["10.20.0.0/16", "fd00:1::/32"]
    assert str(guarded.check_address("10.20.3.4")) == "10.20.3.4"
    assert str(guarded.check_address("::ffff:10.20.3.4")) == "::ffff:a14:304"
    assert str(guarded.check_address("fd00:1::5")) == "fd00:1::5"
    with pytest.raises(OutboundRefused):
        guarded.check_address("10.21.0.1")
    with pytest.raises(OutboundRefused):
        guarded.check_address("169.254.169.254")


def test_a_malformed_allow_entry_is_a_loud_error(settings):
    settings.OUTBOUND_ALLOW = ["10.0.0.0/8", "lgwan"]
    with pytest.raises(ConfigError, match="KANMIN_OUTBOUND_ALLOW"):
        guarded.allowed_networks()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "ftp://data.example.jp/a.csv",
    "gopher://data.example.jp:70/_x",
    "javascript:alert(1)",
    "data:text/plain,hello",
    "dict://data.example.jp:11211/stat",
    "//data.example.jp/catalog.ttl",
    "data.example.jp/catalog.ttl",
])
def test_only_http_and_https_are_fetched(url, no_network):
    with pytest.raises(OutboundRefused) as caught:
        fetch(url, max_bytes=1000, resolver=stub({}))
    assert caught.value.reason in ("scheme", "invalid")


@pytest.mark.parametrize("url", ["http://user:secret@data.example.jp/",
                                 "https://token@data.example.jp/"])
def test_credentials_in_the_url_are_refused(url, no_network):
    with pytest.raises(OutboundRefused) as caught:
        fetch(url, max_bytes=1000, resolver=stub({}))
    assert caught.value.reason == "credentials"


def test_a_url_without_host_is_refused(no_network):
    with pytest.raises(OutboundRefused):
        fetch("http:///catalog.ttl", max_bytes=1000, resolver=stub({}))


def test_a_real_fetch_from_an_allowed_local_server(server, allow_loopback):
    result = fetch(server + "/data", max_bytes=1000, accept="text/csv")
    assert result.status == 200
    assert result.body.decode() == "公園,住所\n"
    assert result.content_type == "text/csv"
    assert result.final_url == server + "/data"


def test_loopback_is_refused_without_the_setting(server, settings):
    settings.OUTBOUND_ALLOW = []
    with pytest.raises(OutboundRefused) as caught:
        fetch(server + "/data", max_bytes=1000)
    assert caught.value.reason == "loopback"


def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(server,
                                                                          allow_loopback):
    port = urlsplit(server).port
    resolver = stub({"opendata.example.lg.jp": ["127.0.0.1"]})
    result = fetch(f"http://opendata.example.lg.jp:{port}/host", max_bytes=1000,
                   resolver=resolver)
    # The name does not exist in DNS: the request reached the resolver's (checked) answer.
    assert result.body.decode() == f"opendata.example.lg.jp:{port}"
    assert resolver.asked == [("opendata.example.lg.jp", port)]


def test_redirects_are_followed_and_each_hop_is_checked(server, allow_loopback):
    port = urlsplit(server).port
    resolver = stub({"127.0.0.1": ["127.0.0.1"], "mirror.example.jp": ["127.0.0.1"]})
    result = fetch(f"{server}/redirect?to=http://mirror.example.jp:{port}/data",
                   max_bytes=1000, resolver=resolver)
    assert result.status == 200
    assert result.final_url == f"http://mirror.example.jp:{port}/data"
    assert [host for host, _port in resolver.asked] == ["127.0.0.1", "mirror.example.jp"]


def test_a_redirect_to_a_forbidden_address_is_refused(server, settings):
    settings.OUTBOUND_ALLOW = ["127.0.0.1/32"]
    resolver = stub({"127.0.0.1": ["127.0.0.1"], "metadata.example": ["169.254.169.254"]})
    with pytest.raises(OutboundRefused) as caught:
        fetch(f"{server}/redirect?to=http://metadata.example/latest/meta-data/",
              max_bytes=1000, resolver=resolver)
    assert caught.value.reason == "metadata"


def test_a_redirect_to_another_internal_range_is_refused(server, settings):
    settings.OUTBOUND_ALLOW = ["127.0.0.1/32"]
    with pytest.raises(OutboundRefused) as caught:
        fetch(f"{server}/redirect?to=http://127.0.0.2/", max_bytes=1000)
    assert caught.value.reason == "loopback"


def test_a_redirect_to_a_file_url_is_refused(server, allow_loopback):
    with pytest.raises(OutboundRefused) as caught:
        fetch(f"{server}/redirect?to=file:///etc/passwd", max_bytes=1000)
    assert caught.value.reason == "scheme"


def test_a_redirect_loop_stops_after_five_hops(server, allow_loopback):
    resolver = stub({"127.0.0.1": ["127.0.0.1"]})
    with pytest.raises(OutboundFailed):
        fetch(server + "/loop", max_bytes=1000, resolver=resolver)
    assert len(resolver.asked) == guarded.MAX_REDIRECTS + 1


def test_a_body_over_the_limit_is_refused_from_its_length(server, allow_loopback):
    with pytest.raises(ResponseTooLarge) as caught:
        fetch(server + "/big", max_bytes=1000)
    assert caught.value.status == 413


def test_a_body_over_the_limit_is_refused_while_streaming(server, allow_loopback):
    with pytest.raises(ResponseTooLarge):
        fetch(server + "/big-unannounced", max_bytes=1000)
    assert len(fetch(server + "/big-unannounced", max_bytes=5000).body) == 5000


def test_a_slow_server_times_out(server, allow_loopback):
    with pytest.raises(OutboundFailed):
        fetch(server + "/slow", max_bytes=1000, timeout=(1, 0.3))


def test_an_unreachable_port_fails_cleanly(allow_loopback):
    from tests.instances import free_port

    with pytest.raises(OutboundFailed):
        fetch(f"http://127.0.0.1:{free_port()}/", max_bytes=1000, timeout=(1, 1))


def test_errors_carry_a_translatable_message():
    from django.utils import translation

    with translation.override("en"):
        error = OutboundRefused(guarded.REASONS["loopback"], url="http://x/")
    assert error.both().startswith("ループバック")


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 with a certificate for secure.example.jp only."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=secure.example.jp",
                    "-addext", "subjectAltName=DNS:secure.example.jp"],
                   check=True, capture_output=True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], str(cert)
    httpd.shutdown()
    httpd.server_close()


def test_https_connects_to_the_checked_address_and_verifies_the_name(tls_server,
                                                                     allow_loopback):
    port, ca = tls_server
    resolver = stub({"secure.example.jp": ["127.0.0.1"], "other.example.jp": ["127.0.0.1"]})
    result = fetch(f"https://secure.example.jp:{port}/host", max_bytes=1000, resolver=resolver,
                   ca_bundle=ca)
    assert result.body.decode() == f"secure.example.jp:{port}"
    with pytest.raises(OutboundFailed):  # same address, but the certificate is not for this name
        fetch(f"https://other.example.jp:{port}/host", max_bytes=1000, resolver=resolver,
              ca_bundle=ca)
    with pytest.raises(OutboundFailed):  # an unknown CA is never trusted
        fetch(f"https://secure.example.jp:{port}/host", max_bytes=1000, resolver=resolver)
