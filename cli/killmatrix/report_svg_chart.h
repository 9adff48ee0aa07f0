// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix page's time-to-detect chart: inline SVG, one bar per finding, log10
// seconds from 1 ms. Names reach it only through sc::xml_escape.
#pragma once

#include <cli/killmatrix/matrix.h>

#include <string>

namespace sc::km {

std::string svg_chart(const Matrix &m);  // "<h2>Time to detect</h2>…<svg id="ttd-chart" …>…</svg>"

}  // namespace sc::km
