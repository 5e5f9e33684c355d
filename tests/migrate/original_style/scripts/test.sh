#!/bin/sh
set -e
ptest
pytest --pyargs pconfigs.test -q
