"""A form or API body that reaches the server in several TCP segments — as on a slow link, or from
nginx — is read whole before the CSRF check and the route (RequestGuard). It once answered 403 to a
valid form whenever the body did not arrive with the request's head (found by the two-instance test).

Requests go over raw sockets so that the pieces and the pauses between them are exactly as written.
"""
import json
import re
import socket
import time
import urllib.parse

import pytest

PAUSE = 0.15


def send(base, method, path, body=b"", headers=None, pieces=1):
    """Sends the head and the body, the body cut into `pieces` with a pause before each; returns
    (status, headers dict with lists, body)."""
    host, port = base.removeprefix("http://").split(":")
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close", f"Content-Length: {len(body)}"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        size = max(1, -(-len(body) // pieces))
        for start in range(0, len(body), size):
            time.sleep(PAUSE)
            s.sendall(body[start:start + size])
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    top, _, rest = data.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    found = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        found.setdefault(name.strip().lower(), []).append(value.strip())
    return int(lines[0].split()[1]), found, rest


def cookie_of(headers, old=None):
    for value in headers.get("set-cookie", []):
        if value.startswith("qlcb_session="):
            return value.split(";")[0]
    return old


def form_token(base, path, cookie=None):
    status, headers, body = send(base, "GET", path, headers={"Cookie": cookie} if cookie else None)
    assert status == 200, (path, status)
    return cookie_of(headers, cookie), re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()


def login_in_pieces(base, username, pieces):
    cookie, csrf = form_token(base, "/dang-nhap")
    form = urllib.parse.urlencode({"username": username, "password": "qlcb-demo", "next": "/", "_csrf": csrf}).encode()
    status, headers, body = send(base, "POST", "/dang-nhap", form, {"Cookie": cookie,
                                 "Content-Type": "application/x-www-form-urlencoded"}, pieces)
    assert status == 303, f"login in {pieces} piece(s): {status} {body[:300]!r}"
    return cookie_of(headers, cookie)


@pytest.mark.parametrize("pieces", [1, 2, 5])
def test_a_login_form_in_pieces_signs_in(server, pieces):
    login_in_pieces(server, "canbo", pieces)


def test_a_ticket_form_in_pieces_is_recorded(server):
    cookie = login_in_pieces(server, "canbo", 3)
    cookie, csrf = form_token(server, "/phieu/moi", cookie)
    form = urllib.parse.urlencode({"_csrf": csrf, "taskGroup": "equipmentMaintenance", "workKind": "maintenance",
                                   "details": "Thay mực máy in tầng 2 (gửi từng phần qua đường truyền chậm)",
                                   "requesterUnit": "Phòng Kế toán", "requesterName": "Đỗ Thị Hồng Nhung",
                                   "requestedOn": "20/11/2026"}).encode()
    status, headers, body = send(server, "POST", "/phieu", form, {"Cookie": cookie,
                                 "Content-Type": "application/x-www-form-urlencoded"}, 4)
    assert status == 303 and re.fullmatch(r"/phieu/[0-9A-Fa-f-]{36}", headers["location"][0]), (status, headers, body[:300])


def test_an_api_body_in_pieces_is_read_whole(server):
    token = server.qlcb("token", "create", "--user", "canbo", "--name", "split-bodies").strip().splitlines()[-1]
    body = json.dumps({"taskGroup": "equipmentMaintenance", "details": "Cài lại trình duyệt cho máy kế toán",
                       "requesterUnit": "Văn phòng", "requesterName": "Nguyễn Văn An",
                       "requestedOn": "2026-11-20"}, ensure_ascii=False).encode()
    status, _, answer = send(server, "POST", "/api/v1/tickets", body, {"Authorization": f"Bearer {token}",
                             "Content-Type": "application/json"}, 3)
    assert status == 201, (status, answer[:300])


def test_a_form_with_a_wrong_token_in_pieces_is_still_refused(server):
    cookie, _ = form_token(server, "/dang-nhap")
    form = urllib.parse.urlencode({"username": "canbo", "password": "qlcb-demo", "_csrf": "x" * 32}).encode()
    status, _, _ = send(server, "POST", "/dang-nhap", form, {"Cookie": cookie,
                        "Content-Type": "application/x-www-form-urlencoded"}, 3)
    assert status == 403
