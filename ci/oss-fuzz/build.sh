#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
# OSS-Fuzz / ClusterFuzzLite build script: builds the three harnesses with the compiler,
# flags and engine the infrastructure sets ($CC $CXX $CFLAGS $CXXFLAGS
# $LIB_FUZZING_ENGINE), and puts into $OUT each harness with its seed corpus zip
# (<harness>_seed_corpus.zip: seeds, merged corpus, regressions), dictionary and .options.
src=${SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
[ -f "$src/CMakeLists.txt" ] || src=$SRC/splicecheck
build=${WORK:-/tmp}/splicecheck-build
# The image's rapidcheck source (Dockerfile; Ubuntu has no package), built with the same
# compiler and flags; elsewhere the system's package.
prefix=()
if [ -d "${SRC:-}/rapidcheck" ]; then
  cmake -S "$SRC/rapidcheck" -B "$WORK/rapidcheck-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_INSTALL_PREFIX="$WORK/deps"
  cmake --build "$WORK/rapidcheck-build" --target install
  prefix=(-DCMAKE_PREFIX_PATH="$WORK/deps")
fi
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" -DSC_BUILD_BENCH=OFF \
  -DSC_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" "${prefix[@]}"
cmake --build "$build" --target alloc_fuzz splice_fuzz tls_fuzz
for h in alloc_fuzz splice_fuzz tls_fuzz; do
  cp "$build/bin/$h" "$OUT/"
  corpus=$src/corpus/$h
  rm -f "$OUT/${h}_seed_corpus.zip"
  (cd "$corpus" && find seeds merged regressions -type f ! -name '*.trace' 2>/dev/null |
     zip -q -j -@ "$OUT/${h}_seed_corpus.zip")
  cp "$corpus/$h.dict" "$OUT/$h.dict"
  # A bound on input length well above the longest committed input (345 bytes): the
  # decoders stop at their op caps long before it.
  printf '[libfuzzer]\ndict = %s.dict\nmax_len = 4096\n' "$h" >"$OUT/$h.options"
done
