"""Học Vụ Số: the `hocvu` command and the version numbers every part reports."""

APP_VERSION = "0.1.0"
PACK_FORMAT = 1
