#!/usr/bin/env bash
# README command 1: set up, build, and launch the studio on the default
# network (zoo:mobilenetv2-1.0-224) and target (STM32F746).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec ./build/app/microdse-studio "$@"
