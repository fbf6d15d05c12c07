"""The files of documents that the exports app builds in a job (kind "round_certificates": all
the certificates of a round in one zip, certificate_zip.py). The exports app finds BUILDERS here
at start-up, so this app never imports it."""

from django.utils.translation import gettext_lazy as _

from common.file_export import ZIP, FileBuilder

from .certificate_zip import describe, may_download_round, write_round_zip

BUILDERS = {
    "round_certificates": FileBuilder(
        title=_("Certificates of the round"),
        params=("round",),
        allowed=may_download_round,
        write=write_round_zip,
        extension="zip",
        content_type=ZIP,
        heading=_("Zip archive"),
        describe=describe,
    ),
}
