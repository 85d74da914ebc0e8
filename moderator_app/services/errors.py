"""The errors services raise, in one place, so the window and the CLI never import db/ or sources/ for them.

The CLI turns each into an exit code in one table (cli/); the window into a sentence. Keeping the
classes where they are raised (db, sources, spot) and re-exporting them here avoids a second hierarchy
that would have to be kept in step.
"""

from __future__ import annotations

from moderator_app.base.ffmpeg import FfmpegError
from moderator_app.db.decisions import NothingToUndo, UnknownFlag, UnknownSubmission
from moderator_app.onair.mail import BadAddress
from moderator_app.onair.message import TemplateProblem
from moderator_app.onair.smtp import RelayRefused, RelayUnavailable
from moderator_app.services.access import ExportFolderNotEmpty
from moderator_app.services.assembly import UnknownSpot
from moderator_app.services.audit import PersonalDataInAudit
from moderator_app.services.batch import BatchBusy
from moderator_app.services.checks import InvalidThreshold, UnknownThreshold
from moderator_app.services.notify import NotifyBusy
from moderator_app.services.quarantine import NotRetryable
from moderator_app.services.schedule import AssignmentRefused, PlanRefused, UnknownSlot
from moderator_app.sources.cliptest import ClipError
from moderator_app.sources.lock import SyncBusy
from moderator_app.sources.platform.errors import (
    AuthError,
    DownloadCancelled,
    PlatformError,
    ProtocolError,
    RequestRejected,
    TlsError,
    TransientError,
)
from moderator_app.sources.record import RecordError
from moderator_app.sources.space import NoSpace
from moderator_app.spot.brand import BrandError
from moderator_app.spot.errors import (
    ClipAlreadyPlaced,
    ClipNotAllowed,
    ClipTooShort,
    ExportCancelled,
    RenderError,
    SpotError,
    TimelineError,
)

__all__ = [
    "AssignmentRefused", "AuthError", "BatchBusy", "BrandError", "ClipError", "ClipNotAllowed", "ClipTooShort", "DownloadCancelled",
    "ExportCancelled", "ExportFolderNotEmpty", "FfmpegError", "InvalidThreshold", "NoSpace", "NotRetryable", "NothingToUndo",
    "PersonalDataInAudit", "PlanRefused", "PlatformError", "ProtocolError", "RecordError", "RenderError", "RequestRejected",
    "SpotError", "SyncBusy", "TimelineError", "TlsError", "TransientError", "UnknownFlag", "UnknownSlot", "UnknownSpot",
    "UnknownSubmission", "UnknownThreshold",
]
__all__ += ["BadAddress", "ClipAlreadyPlaced", "NotifyBusy", "RelayRefused", "RelayUnavailable", "TemplateProblem"]
