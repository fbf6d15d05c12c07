"""Files other than Excel workbooks that an export job builds (a zip of documents): the
contract an app's builder fulfils, declared in BUILDERS of its `export_builders` module next to
its Excel exports (common.xlsx.ExportBuilder). The exports app runs the job, shows its progress
bar and serves the file to the job's owner; the app knows only what goes into the file.

Unlike an Excel export, a file is about one thing the user names (a round): `allowed` decides
per query, and a refusal is a 404 (nothing confirms that the thing exists)."""

from collections.abc import Callable
from dataclasses import dataclass

from .files import ZIP

__all__ = ["ZIP", "FileBuilder"]


@dataclass(frozen=True)
class FileBuilder:
    title: object  # a lazy translation: the job page's heading and the file's name
    params: tuple[str, ...]  # the query keys the job keeps
    allowed: Callable  # (user, query) -> bool, checked when the job starts and when it runs
    # (user, query, progress_for, out) -> None: writes the file into the binary, seekable `out`
    # (a temporary file: memory stays bounded), calling progress_for(total, every=n).tick().
    write: Callable
    extension: str
    content_type: str
    heading: object  # what kind of job it is ("Zip archive"), before the title
    describe: Callable | None = None  # (query) -> str, what the job is about, after the title
    icon: str = "bi-file-earmark-zip"
    # A second start with the same query while a job is waiting or running returns that job.
    reuse_active: bool = True
