// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/report_facts.h>
#include <cli/killmatrix/report_svg_chart.h>

#include <api/text_escape.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace sc::km {
using namespace facts;
namespace {

// A fixed colour per detector, so that charts of different runs compare at a glance.
const char *detector_colour(Detector d) {
  static const char *const colours[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                        "#d4a514", "#b07aa1", "#ff9da7", "#9c755f"};
  static_assert(std::size(colours) == std::size(kDetectors));
  return colours[static_cast<size_t>(d)];
}

std::string svg_number(double v) { return printf_text("%.1f", v); }

std::string decade_text(int exponent) {
  return exponent < 0 ? printf_text("%.0f ms", std::pow(10.0, exponent + 3))
                      : printf_text("%.0f s", std::pow(10.0, exponent));
}

struct ChartLayout {
  static constexpr int kFloorExponent = -3;  // 1 ms: faster findings are drawn as 1 ms
  static constexpr double kPitch = 22, kBarHeight = 14, kTop = 34, kPlotWidth = 560, kValueWidth = 190;
  double label_width;
  int top_exponent;  // the axis ends at 10^top_exponent seconds
  size_t bars;

  double x0() const { return label_width; }
  double bar_y(size_t i) const { return kTop + kPitch * static_cast<double>(i); }
  double plot_bottom() const { return bar_y(bars) + 2; }
  double width() const { return label_width + kPlotWidth + kValueWidth; }
  double height() const { return plot_bottom() + 20; }
  double x(double seconds) const {
    double decades = std::log10(std::max(seconds, 1e-3)) - kFloorExponent;
    return x0() + kPlotWidth * decades / (top_exponent - kFloorExponent);
  }
};

std::string bar_label(const Cell &c) { return c.row + " · " + detector_name(c.detector); }

ChartLayout chart_layout(const std::vector<const Cell *> &bars) {
  size_t longest = 0;
  double slowest = 0;
  for (const Cell *c : bars) {
    longest = std::max(longest, bar_label(*c).size());
    slowest = std::max(slowest, *c->median_seconds);
  }
  int top = std::max(ChartLayout::kFloorExponent + 1, static_cast<int>(std::ceil(std::log10(std::max(slowest, 1e-3)))));
  return {std::max(110.0, 7.0 * static_cast<double>(longest) + 16), top, bars.size()};
}

std::string chart_legend(const std::vector<const Cell *> &bars, const ChartLayout &layout) {
  std::string out;
  double x = layout.x0();
  for (Detector d : kDetectors) {
    if (std::none_of(bars.begin(), bars.end(), [&](const Cell *c) { return c->detector == d; }))
      continue;
    out += "<rect class=\"key\"" + xml_attr("x", svg_number(x)) + " y=\"8\" width=\"11\" height=\"11\"" +
           xml_attr("fill", detector_colour(d)) + "/><text" + xml_attr("x", svg_number(x + 15)) + " y=\"18\">" +
           xml_escape(detector_name(d)) + "</text>\n";
    x += 15 + 7.5 * static_cast<double>(std::string(detector_name(d)).size()) + 18;
  }
  return out;
}

std::string chart_axis(const ChartLayout &layout) {
  std::string out;
  for (int e = ChartLayout::kFloorExponent; e <= layout.top_exponent; e++) {
    std::string x = svg_number(layout.x(std::pow(10.0, e)));
    out += "<line class=\"grid\"" + xml_attr("x1", x) + xml_attr("x2", x) +
           xml_attr("y1", svg_number(ChartLayout::kTop - 4)) + xml_attr("y2", svg_number(layout.plot_bottom())) +
           "/><text class=\"tick\" text-anchor=\"middle\"" + xml_attr("x", x) +
           xml_attr("y", svg_number(layout.plot_bottom() + 14)) + ">" + decade_text(e) + "</text>\n";
  }
  return out;
}

std::string chart_bar(const Cell &c, size_t i, const ChartLayout &layout) {
  double seconds = *c.median_seconds;
  double y = layout.bar_y(i), width = std::max(3.0, layout.x(seconds) - layout.x0());
  std::string value = duration_text(seconds) + (c.median_work ? " · " + count_text(*c.median_work, c.unit) : "") +
                      (c.status == Status::partly ? " · " + seeds_text(c) + " seeds" : "");
  std::string text_y = svg_number(y + ChartLayout::kBarHeight - 3);
  return "<text text-anchor=\"end\"" + xml_attr("x", svg_number(layout.x0() - 8)) + xml_attr("y", text_y) + ">" +
         xml_escape(bar_label(c)) + "</text><rect" +
         xml_attr("class", c.status == Status::partly ? "bar partly" : "bar") + xml_attr("data-row", c.row) +
         xml_attr("data-detector", detector_name(c.detector)) + xml_attr("x", svg_number(layout.x0())) +
         xml_attr("y", svg_number(y)) + xml_attr("width", svg_number(width)) +
         xml_attr("height", svg_number(ChartLayout::kBarHeight)) + xml_attr("fill", detector_colour(c.detector)) +
         (c.status == Status::partly ? " fill-opacity=\"0.5\"" : "") + "><title>" + xml_escape(cell_details(c)) +
         "</title></rect><text class=\"value\"" + xml_attr("x", svg_number(layout.x0() + width + 6)) +
         xml_attr("y", text_y) + ">" + xml_escape(value) + "</text>\n";
}

}  // namespace

std::string svg_chart(const Matrix &m) {
  std::vector<const Cell *> bars;
  for (const auto &c : m.cells)
    if (is_finding(c.status) && c.median_seconds)
      bars.push_back(&c);
  ChartLayout layout = chart_layout(bars);
  std::string out = "<h2>Time to detect</h2>\n<p class=\"hint\">Median seconds to the first finding over the seeds "
                    "that found it; log scale, 1 ms and below drawn as 1 ms; pale bars: found by some seeds "
                    "only.</p>\n<svg id=\"ttd-chart\" xmlns=\"http://www.w3.org/2000/svg\"" +
                    xml_attr("width", svg_number(layout.width())) + xml_attr("height", svg_number(layout.height())) +
                    xml_attr("viewBox", "0 0 " + svg_number(layout.width()) + " " + svg_number(layout.height())) +
                    ">\n";
  if (bars.empty())
    out += "<text x=\"0\" y=\"18\">no detector found anything</text>\n";
  out += chart_legend(bars, layout) + chart_axis(layout);
  for (size_t i = 0; i < bars.size(); i++)
    out += chart_bar(*bars[i], i, layout);
  return out + "</svg>\n";
}

}  // namespace sc::km
