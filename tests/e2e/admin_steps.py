"""Steps the browser tests share: an administrator logs in through the login form, and
an official's device enrols with a one-time code over the device API (as the app does)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tests.sync.conftest import enrol
from tests.sync.dashboard_world import PASSWORD


def log_in(page, base_url: str, username: str = "bo", password: str = PASSWORD) -> None:
    """Log in through the form and wait for the overview. A page already on the login
    form (as a redirect left it) is filled where it is."""
    if not page.url.endswith("/admin/login"):
        page.goto(f"{base_url}/admin/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


@dataclass(frozen=True)
class EnrolledDevice:
    token: str
    profile_id: str


def enrol_device(base_url: str, code: str) -> EnrolledDevice:
    """A laptop enrolled with `code` over HTTP: its bearer token and the profile it
    pushes statements for."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        enrolled = enrol(client, code, device_name="laptop")
    return EnrolledDevice(enrolled["device_token"], enrolled["profile_id"])
