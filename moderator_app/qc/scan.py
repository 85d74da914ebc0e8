"""The single decode pass: one ffmpeg process decodes the clip once, hands small grey frames to Python
through a pipe and measures the sound (ebur128 + astats) in the same run.

Decoding dominates the cost of every check, so nothing else may decode the clip again, and the pass
decodes less than a player would: no deblocking and no non-reference frames (see ScanPlan), which brings
a full check under the time of a plain `ffmpeg -i clip -f null -`. ffmpeg's CLI applies the rotation
matrix and picks the analysis size itself (so it starts before the probe is done); frames come as
YUV4MPEG (whose header says the size); each delivered frame's exact time is written by -stats_enc_pre,
and a stream copy into framecrc lists every packet's time (skipped frames too), which is how variable
frame rates and header-less WebM are timed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt

if sys.platform != "win32":
    import fcntl
else:  # pragma: no cover - Windows pipes are sized by the OS
    fcntl = None

from moderator_app.base.ffmpeg import ffmpeg_exe
from moderator_app.base.media import Container, ffmpeg_decode_limit, ffmpeg_input
from moderator_app.qc.sound import EBUR128_FILTER

GreyFrame = npt.NDArray[np.uint8]
FrameSink = Callable[[int, GreyFrame], None]
"""Called with the frame index (display order) and a grey frame that is only valid during the call."""

SKIP_LOOP_FILTER = True
"""Skip the H.264/HEVC deblocking filter while decoding: about 10-20% less decoding work. Deblocking moves
pixel values by a few levels at 8x8 block edges, which the 4.5x downscale to the analysis size averages away
(measured: blur score within a few percent, means and black/frozen boundaries unchanged)."""


class ScanError(Exception):
    """The decode pass failed or timed out; the message is a reason for the moderator."""

    def __init__(self, message: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


@dataclass(frozen=True, slots=True)
class ScanResult:
    frames: int
    width: int
    height: int
    frame_times: npt.NDArray[np.float64]
    """Presentation time of every piped frame, from the first one, in seconds."""
    packet_times: npt.NDArray[np.float64] | None
    """Presentation time of every video packet (every frame, decoded or skipped), sorted, from the first."""
    last_packet_duration_s: float
    log: str
    """ffmpeg's stderr: ebur128 frame log and summaries, astats, decoder errors."""
    returncode: int


@dataclass(frozen=True, slots=True)
class ScanPlan:
    """What one decode pass does. The main pass skips non-reference frames (B-frames nothing is predicted
    from: a quarter to a half of a typical H.264/HEVC stream's frames, about 20-30% of its decoding work)
    and lists every packet so timing stays exact; short precise passes then settle black head and tail to
    the frame, only when there is black there."""

    with_audio: bool = True
    skip_nonref: bool = True
    list_packets: bool = True
    start_s: float | None = None
    """Seek here first (accurately: frames before it are decoded but not delivered)."""
    until_s: float | None = None
    """Stop after this much of the clip (from start_s)."""


PRECISE = ScanPlan(with_audio=False, skip_nonref=False, list_packets=False)


def build_command(
    path: Path,
    short_side: int,
    plan: ScanPlan,
    stats_file: Path,
    packets_file: Path,
    container: Container | None = None,
) -> list[str]:
    """The decode pass's command: the clip opened with its demuxer named and the file protocol only (see
    base/media.py), its decoder refusing a picture over the size limit before allocating it."""
    s = short_side
    # Landscape: height s; portrait: width s; never upscale a tiny clip; keep even sizes.
    scale = (
        f"scale=w='if(gte(iw,ih),-2,min({s},trunc(iw/2)*2))':h='if(gte(iw,ih),min({s},trunc(ih/2)*2),-2)'"
        ":flags=fast_bilinear"
    )
    graph = f"[0:v:0]{scale},format=gray[v]"
    outputs = [
        "-map", "[v]", "-fps_mode", "passthrough", "-enc_time_base:v", "filter",
        "-stats_enc_pre:v", str(stats_file), "-stats_enc_pre_fmt:v", "{t}",
        "-f", "yuv4mpegpipe", "pipe:1",
    ]
    if plan.with_audio:
        graph += f";[0:a:0]{EBUR128_FILTER}[a]"
        outputs += ["-map", "[a]", "-f", "null", "-"]
    if plan.list_packets:
        # Stream copy costs no decoding: framecrc lists every packet's time, the skipped frames' too.
        outputs += ["-map", "0:v:0", "-c:v", "copy", "-f", "framecrc", "-y", str(packets_file)]
    decode = ["-skip_loop_filter", "all"] if SKIP_LOOP_FILTER else []
    if plan.skip_nonref:
        decode += ["-skip_frame", "noref"]
    if plan.start_s:
        decode += ["-ss", f"{plan.start_s:.3f}"]
    if plan.until_s is not None:
        decode += ["-t", f"{plan.until_s:.3f}"]
    return [
        ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info",
        *decode, *ffmpeg_decode_limit(), *ffmpeg_input(path, container), "-filter_complex", graph, *outputs,
    ]


PIPE_BYTES = 1 << 20
"""Linux pipes hold 64 KiB, less than one analysis frame: a 1 MiB pipe lets ffmpeg run ahead of Python's
hiccups instead of stalling its decoder threads on every frame."""


def _grow_pipe(stream: IO[bytes] | None) -> None:
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if stream is None or set_size is None:
        return
    try:
        fcntl.fcntl(stream.fileno(), set_size, PIPE_BYTES)
    except OSError:  # over /proc/sys/fs/pipe-max-size for unprivileged users: keep the default
        pass


def _read_exact(stream: IO[bytes], view: memoryview) -> bool:
    got = 0
    while got < len(view):
        n = stream.readinto(view[got:])  # type: ignore[attr-defined]
        if not n:
            return False
        got += n
    return True


_Y4M_SIZE = re.compile(rb"\bW(\d+)\b.*\bH(\d+)\b")


class Scan:
    """A running decode pass: start it first, probe the container meanwhile, then call run()."""

    def __init__(
        self, path: Path, short_side: int, plan: ScanPlan, timeout_s: float, container: Container | None = None
    ) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="qc-")
        self._stats = Path(self._tmp.name) / "frames.txt"
        self._packets = Path(self._tmp.name) / "packets.txt"
        self._plan = plan
        self._proc = subprocess.Popen(
            build_command(path, short_side, plan, self._stats, self._packets, container),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        _grow_pipe(self._proc.stdout)
        self._err: list[bytes] = []
        stderr = self._proc.stderr
        assert stderr is not None
        self._reader = threading.Thread(target=lambda: self._err.extend(iter(lambda: stderr.read(65536), b"")),
                                        daemon=True)
        self._reader.start()
        self._timed_out = threading.Event()
        self._timeout_s = timeout_s
        self._watchdog = threading.Timer(timeout_s, self._kill_for_timeout)
        self._watchdog.start()

    def _kill_for_timeout(self) -> None:
        self._timed_out.set()
        self._proc.kill()

    def cancel(self) -> None:
        self._proc.kill()
        self._finish()

    def _finish(self) -> int:
        stdout = self._proc.stdout
        if stdout is not None:
            stdout.close()
        try:
            returncode = self._proc.wait(timeout=max(5.0, self._timeout_s))
        except subprocess.TimeoutExpired:
            self._proc.kill()
            returncode = self._proc.wait()
        self._watchdog.cancel()
        self._reader.join(timeout=5)
        return returncode

    def run(self, on_frame: FrameSink) -> ScanResult:
        """Feed every frame to on_frame; raise ScanError on a timeout or when no frame could be decoded."""
        stdout = self._proc.stdout
        assert stdout is not None
        frames = 0
        width = height = 0
        try:
            header = stdout.readline()
            size = _Y4M_SIZE.search(header) if header.startswith(b"YUV4MPEG2") else None
            if size is not None:
                width, height = int(size[1]), int(size[2])
                buf = bytearray(width * height)
                view = memoryview(buf)
                frame = np.frombuffer(buf, dtype=np.uint8).reshape(height, width)
                while stdout.readline().startswith(b"FRAME") and _read_exact(stdout, view):
                    on_frame(frames, frame)
                    frames += 1
        finally:
            returncode = self._finish()
        try:
            log = b"".join(self._err).decode("utf-8", errors="replace")
            if self._timed_out.is_set():
                raise ScanError(
                    f"checking took longer than {self._timeout_s:.0f} s (decoded {frames} frames)", timed_out=True
                )
            if frames == 0:
                tail = " | ".join(line.strip() for line in log.strip().splitlines()[-3:])
                raise ScanError(f"no picture could be decoded (ffmpeg exit {returncode}: {tail})")
            times = _read_times(self._stats, frames)
            packets, last_duration = _read_packets(self._packets) if self._plan.list_packets else (None, 0.0)
        finally:
            self._tmp.cleanup()
        return ScanResult(frames, width, height, times, packets, last_duration, log, returncode)


def _read_times(stats: Path, frames: int) -> npt.NDArray[np.float64]:
    values: list[float] = []
    if stats.is_file():
        for line in stats.read_text(errors="replace").split():
            try:
                values.append(float(line))
            except ValueError:
                values.append(float("nan"))
    times = np.asarray(values[:frames], dtype=np.float64)
    if times.size != frames or not np.all(np.isfinite(times)):
        raise ScanError(f"ffmpeg reported times for {times.size} of {frames} frames")
    result: npt.NDArray[np.float64] = times - times[0]
    return result


def _read_packets(listing: Path) -> tuple[npt.NDArray[np.float64] | None, float]:
    """Packet times from ffmpeg's framecrc listing ("#tb 0: 1/15360", then "0, dts, pts, duration, ...")."""
    if not listing.is_file():
        return None, 0.0
    tb = 0.0
    pts: list[int] = []
    durations: list[int] = []
    for line in listing.read_text(errors="replace").splitlines():
        if line.startswith("#tb 0:"):
            num, _, den = line.split(":", 1)[1].strip().partition("/")
            tb = int(num) / int(den) if den and int(den) else 0.0
        elif line and not line.startswith("#"):
            fields = [f.strip() for f in line.split(",")]
            if len(fields) >= 4 and fields[0] == "0" and fields[2].lstrip("-").isdigit():
                pts.append(int(fields[2]))
                durations.append(int(fields[3]) if fields[3].isdigit() else 0)
    if not pts or tb <= 0:
        return None, 0.0
    order = np.argsort(np.asarray(pts, dtype=np.int64), kind="stable")
    ticks = np.asarray(pts, dtype=np.int64)[order]
    times: npt.NDArray[np.float64] = (ticks - ticks[0]).astype(np.float64) * tb
    return times, durations[int(order[-1])] * tb
