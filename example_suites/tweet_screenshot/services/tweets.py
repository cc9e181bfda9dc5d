"""A local tweet API for challenges: tweet JSON, avatars, thumbnails and video files for a fixed
set of posts, served on loopback only.

    python tweets.py --port 8123 [--data tweets.json]

GET /tweets/<id>     the post, in the shape of a Twitter API v1.1-like payload (404 if unknown)
GET /media/<path>    avatars and thumbnails (PNG, drawn here) and video variants (MP4 stubs)
GET /health          200 once serving

Media URLs in the JSON are absolute, built from the Host header the request came with.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def png(width: int, height: int, pixel: Any) -> bytes:
    """An RGB PNG whose pixel (x, y) is ``pixel(x, y)``."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def avatar(colour: list[int]) -> bytes:
    def pixel(x: int, y: int) -> tuple[int, int, int]:
        ring = (x - 48) ** 2 + (y - 48) ** 2
        if ring < 20**2:
            return (255, 255, 255)
        return tuple(colour)  # type: ignore[return-value]
    return png(96, 96, pixel)


def thumbnail(top: list[int], bottom: list[int]) -> bytes:
    def pixel(x: int, y: int) -> tuple[int, int, int]:
        t = y / 179
        return tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))  # type: ignore[return-value]
    return png(320, 180, pixel)


def mp4_stub(width: int, height: int) -> bytes:
    """The first boxes of an MP4 file: enough for a download to be recognisably a video."""
    ftyp = b"ftypisom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"
    box = struct.pack(">I", 8 + len(ftyp)) + ftyp
    payload = f"stub video {width}x{height}".encode() * 64
    return box + struct.pack(">I", 8 + len(payload)) + b"mdat" + payload


class TweetData:
    def __init__(self, path: Path) -> None:
        raw = json.loads(path.read_text(encoding="utf-8"))
        self.tweets = {t["id"]: t for t in raw["tweets"]}
        self.media: dict[str, tuple[str, bytes]] = {}
        for name, colour in raw["avatars"].items():
            self.media[f"avatars/{name}.png"] = ("image/png", avatar(colour))
        for name, (top, bottom) in raw["thumbnails"].items():
            self.media[f"thumbs/{name}.png"] = ("image/png", thumbnail(top, bottom))
        for tweet in raw["tweets"]:
            for width, height, _ in (tweet["video"] or {}).get("sizes", []):
                self.media[f"video/{tweet['id']}/{width}x{height}/video.mp4"] = ("video/mp4", mp4_stub(width, height))

    def payload(self, tweet_id: str, origin: str) -> dict[str, Any]:
        tweet = self.tweets[tweet_id]
        author = tweet["author"]
        media = []
        if tweet["video"]:
            video = tweet["video"]
            videos = f"{origin}/media/video/{tweet_id}"
            variants = [{"content_type": "application/x-mpegURL", "url": f"{videos}/playlist.m3u8"}]
            variants += [
                {"content_type": "video/mp4", "bitrate": bitrate, "url": f"{videos}/{w}x{h}/video.mp4"}
                for w, h, bitrate in video["sizes"]
            ]
            thumbnail = f"{origin}/media/thumbs/{video['thumbnail']}.png"
            media.append({"type": "video", "thumbnail_url": thumbnail, "variants": variants})
        return {
            "id": tweet_id,
            "text": tweet["text"],
            "created_at": tweet["created_at"],
            "author": {"name": author["name"], "screen_name": author["screen_name"],
                       "avatar_url": f"{origin}/media/avatars/{author['avatar']}.png"},
            "likes": tweet["likes"],
            "retweets": tweet["retweets"],
            "replies": tweet["replies"],
            "media": media,
        }


def make_handler(data: TweetData) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            sys.stderr.write("tweets: " + (format % args) + "\n")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status: int, body: Any) -> None:
            self._send(status, json.dumps(body).encode(), "application/json")

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            origin = f"http://{self.headers.get('Host', '127.0.0.1')}"
            if path == "/health":
                self._json(200, {"ok": True})
            elif match := re.fullmatch(r"/tweets/(\d+)", path):
                if match.group(1) in data.tweets:
                    self._json(200, data.payload(match.group(1), origin))
                else:
                    self._json(404, {"errors": [{"message": "No status found with that ID.", "code": 144}]})
            elif path.startswith("/media/") and path[len("/media/"):] in data.media:
                content_type, body = data.media[path[len("/media/"):]]
                self._send(200, body, content_type)
            else:
                self._json(404, {"errors": [{"message": "Sorry, that page does not exist", "code": 34}]})

        do_HEAD = do_GET

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", type=Path, default=HERE / "tweets.json")
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(TweetData(args.data)))
    print(f"tweet API on http://127.0.0.1:{args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
