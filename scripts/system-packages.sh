#!/usr/bin/env bash
# Installs the Debian packages the suite and the demo run against, when any is missing: Chromium
# (browser tests), dicom3tools and dcmtk (DICOM validation), Orthanc with its DICOMweb plugin (the
# PACS peer), libheif-examples (HEIC fixtures), poppler-utils (PDF checks) and libjemalloc2 (the
# worker's allocator). Needs root or sudo
# only when something is missing; safe to run repeatedly.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v dciodvfy >/dev/null || need+=(dicom3tools)
command -v dcmdump >/dev/null || need+=(dcmtk)
command -v Orthanc >/dev/null || need+=(orthanc)
[ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || need+=(orthanc-dicomweb)
command -v heif-enc >/dev/null || need+=(libheif-examples)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
# jemalloc: the worker's allocator (scripts/worker.sh), which keeps its memory within budget.
ls /usr/lib/*-linux-gnu/libjemalloc.so.2 >/dev/null 2>&1 || need+=(libjemalloc2)

[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian's orthanc package starts a system service on 8042; tests start their own instances.
if command -v systemctl >/dev/null; then "${sudo[@]}" systemctl disable --now orthanc >/dev/null 2>&1 || true; fi
"${sudo[@]}" service orthanc stop >/dev/null 2>&1 || true
