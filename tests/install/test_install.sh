#!/bin/sh
# cmake --install gives a plugin author everything: the folio command finds
# its bundled plugins from the new prefix, and a plugin builds against the
# installed headers and library both with pkg-config and with CMake.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1
source=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
libdir=$(dirname "$(find "$prefix" -name libfolio.so | head -n 1)")
fixture=$source/tests/fixtures/fixture_plugin.c
input=$prefix/in.lines
printf 'LINES\nhello\n' > "$input"

"$prefix/bin/folio" --list-formats | grep -q "^json .*$prefix/" ||
    { echo "installed folio does not find its bundled json plugin"; exit 1; }

# pkg-config
mkdir "$prefix/pc"
PKG_CONFIG_PATH=$libdir/pkgconfig
export PKG_CONFIG_PATH
# shellcheck disable=SC2046 # pkg-config output is meant to split
cc -shared -fPIC -fvisibility=hidden -o "$prefix/pc/lines.so" "$fixture" \
    $(pkg-config --cflags --libs folio)
[ "$(realpath "$(pkg-config --variable=plugindir folio)")" = \
  "$(realpath "$libdir/folio/plugins")" ] ||
    { echo "folio.pc gives the wrong plugindir"; exit 1; }
out=$("$prefix/bin/folio" --plugin-dir="$prefix/pc" "$input" -t lines)
[ "$out" = "$(printf 'LINES\nhello')" ] ||
    { echo "plugin built with pkg-config: wrong output '$out'"; exit 1; }

# CMake package
cmake -S "$source/tests/install/external_plugin" -B "$prefix/cmake-build" \
    -DCMAKE_PREFIX_PATH="$prefix" -DFIXTURE_SOURCE="$fixture" > /dev/null
cmake --build "$prefix/cmake-build" > /dev/null
out=$("$prefix/bin/folio" --plugin-dir="$prefix/cmake-build" "$input" -t lines)
[ "$out" = "$(printf 'LINES\nhello')" ] ||
    { echo "plugin built with CMake: wrong output '$out'"; exit 1; }
echo "install: folio, folio.pc and the CMake package work"
