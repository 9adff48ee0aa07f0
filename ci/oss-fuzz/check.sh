#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# check.sh [BUILD_SH]: runs ci/oss-fuzz/build.sh (or BUILD_SH) the way OSS-Fuzz's
# base-builder image runs `compile` for a libFuzzer build with the address and undefined
# sanitizers ($SRC/build.sh from $SRC/splicecheck, $SRC $WORK $OUT, $CC $CXX, $CFLAGS and
# $CXXFLAGS with the image's sanitizer and coverage flags, $LIB_FUZZING_ENGINE), into a
# temporary $OUT, then checks what run_fuzzers needs there: each target executable, its
# _seed_corpus.zip unzipping to inputs the target runs clean, its .dict and .options
# parsing, and a few thousand fuzzing runs from the zip with the options. Exit 0 all
# good, 1 what failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_sh=${1:-$root/ci/oss-fuzz/build.sh}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/work" "$tmp/out"
ln -s "$root" "$tmp/src/splicecheck"
cp "$build_sh" "$tmp/src/build.sh"
fail() { echo "oss-fuzz check: $*"; exit 1; }
# base-builder's flags (infra/base-images/base-builder and base-clang): the common CFLAGS,
# SANITIZER_FLAGS_address, SANITIZER_FLAGS_undefined, COVERAGE_FLAGS. Its clang is
# called clang; here clang-14. (The image adds -stdlib=libc++ to CXXFLAGS; this machine's
# clang-14 has no libc++, see the Dockerfile.)
common="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
ubsan_checks=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr
san="-fsanitize=address -fsanitize-address-use-after-scope -fsanitize=$ubsan_checks,unsigned-integer-overflow -fno-sanitize-recover=$ubsan_checks"
flags="$common $san -fsanitize=fuzzer-no-link"
(cd "$tmp/src/splicecheck" && env SRC="$tmp/src" WORK="$tmp/work" OUT="$tmp/out" CC=clang-14 CXX=clang++-14 \
  CFLAGS="$flags" CXXFLAGS="$flags" LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address FUZZING_ENGINE=libfuzzer \
  ARCHITECTURE=x86_64 FUZZING_LANGUAGE=c++ bash -eu "$tmp/src/build.sh") >"$tmp/build.log" 2>&1 ||
  { tail -30 "$tmp/build.log"; fail "build.sh failed"; }
export UBSAN_OPTIONS=silence_unsigned_overflow=1
for t in alloc_fuzz splice_fuzz tls_fuzz; do
  bin=$tmp/out/$t
  [ -x "$bin" ] || fail "$t: no executable \$OUT/$t"
  [ -f "$bin.options" ] || fail "$t: no $t.options"
  # run_fuzzers reads the [libfuzzer] section and passes each key as -key=value.
  opts=$(python3 - "$bin.options" <<'PY'
import configparser, sys
c = configparser.ConfigParser()
c.read(sys.argv[1])
if not c.has_section("libfuzzer") or not c.items("libfuzzer"):
    sys.exit(1)
print(" ".join(f"-{k}={v}" for k, v in c.items("libfuzzer")))
PY
) || fail "$t: $t.options has no [libfuzzer] section with options"
  grep -q "^-dict=$t.dict" <<<"${opts// /$'\n'}" || fail "$t: $t.options does not name $t.dict"
  mkdir -p "$tmp/corpus/$t"
  unzip -q "$bin"_seed_corpus.zip -d "$tmp/corpus/$t" || fail "$t: ${t}_seed_corpus.zip does not unzip"
  n=$(ls "$tmp/corpus/$t" | wc -l)
  [ "$n" -gt 0 ] || fail "$t: empty seed corpus"
  # Each input as libFuzzer runs it at start-up, the dictionary parsed (-runs=0 fails on a
  # bad one), then fuzzing with the options from $OUT as run_fuzzers does.
  (cd "$tmp/out" && ./$t $opts -runs=0 "$tmp/corpus/$t") >"$tmp/$t.log" 2>&1 ||
    { tail -20 "$tmp/$t.log"; fail "$t: the seed corpus or the dictionary is not accepted"; }
  grep -q "ParseDictionaryFile" "$tmp/$t.log" && fail "$t: $t.dict does not parse"
  (cd "$tmp/out" && ./$t $opts -seed=1 -runs=3000 "$tmp/corpus/$t") >"$tmp/$t.log" 2>&1 ||
    { tail -20 "$tmp/$t.log"; fail "$t: fuzzing from the seed corpus failed"; }
  echo "$t: executable, $n seed inputs run clean, options '$opts', $(grep -Eo 'Dictionary: [0-9]+ entries' "$tmp/$t.log" | head -1), 3000 runs: $(grep -E '^#[0-9]+' "$tmp/$t.log" | tail -1 | awk '{print $1, $2}')"
done
echo "oss-fuzz check: build.sh output is what the runner needs"
