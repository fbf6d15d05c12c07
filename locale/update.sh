#!/usr/bin/env sh
# Re-extract the translatable strings and recompile the catalogues.
#
#   sh locale/update.sh          (from anywhere; uses .venv/bin/python unless $PYTHON is set)
#
# Then translate every new (empty) or "#, fuzzy" entry in locale/vi/LC_MESSAGES/django.po,
# delete the "#, fuzzy" flag once a translation is checked (fuzzy entries are NOT used at run
# time), and run this script again so the .mo files match. tests/test_i18n.py fails until then.
# The en catalogue keeps empty msgstrs: its msgids are already English.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

"$PY" manage.py makemessages -l vi -l en \
    --ignore=.venv --ignore=var --ignore=node_modules \
    --add-location=file
"$PY" manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules

# Placeholders (%(name)s, %%, {name}) must match the msgids; prints e.g.
# "319 translated messages, 2 fuzzy translations, 1 untranslated message."
printf 'vi: '
msgfmt --check-format --check-header --statistics -o /dev/null locale/vi/LC_MESSAGES/django.po
