// SPDX-License-Identifier: GPL-2.0-only
#include <cli/oracle_cmd.h>
#include <cli/oracle_driver.h>

#include <oracle/alloc_judge.h>
#include <oracle/reproducer.h>
#include <oracle/splice_judge.h>

#include <fstream>
#include <sstream>

namespace sc::cli {

namespace {

// Checks the --out name: it becomes the module's.
bool module_name_ok(const std::string &out_path) {
  std::string name = out_path.substr(out_path.find_last_of('/') + 1);
  return name.size() >= 3 && name.substr(name.size() - 2) == ".c" &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") == std::string::npos;
}

// Writes the module source replaying t (from `path`) to --out, named after its row if
// it has one.
template <typename Trace, typename Source>
int write_reproducer(const Trace &t, const std::string &path, const Options &o, std::ostream &out, std::ostream &err,
                     Source source) {
  auto bad = [&](const std::string &what) { return oracle_driver::bad_input(err, what); };
  if (!module_name_ok(o.out))
    return bad("--out " + o.out + ": a module source named [a-z0-9_]+.c (the name becomes the module's)");
  std::string title = "splicecheck reproducer for " + (t.bug ? std::string(bug_info(*t.bug).name) : path) +
                      " on Linux " + o.kernel + (t.bug ? std::string(": ") + bug_info(*t.bug).help : "");
  std::string why;
  auto written = source(t, title, &why);
  if (!written)
    return bad(why);
  std::ofstream f(o.out);
  f << *written;
  if (!f)
    return bad("cannot write '" + o.out + "'");
  out << "splicecheck reproducer: " << t.ops.size() << " ops written to " << o.out << "\n";
  return 0;
}

int splice_reproducer(const std::string &text, const std::string &path, const Options &o, std::ostream &out,
                      std::ostream &err) {
  auto bad = [&](const std::string &what) {
    err << "splicecheck: " << what << "\n";
    return 2;
  };
  if (o.kernel == "6.1")
    return bad("--kernel 6.1 has no skb_splice_from_iter() (it came in 6.5): a splice reproducer is for 6.12 or 7.2");
  std::string why;
  auto t = splice::parse_trace(text, &why);
  if (!t)
    return bad(path + ": " + why);
  if (!oracle::splice_replayable(*t, &why) || !oracle::splice_valid_for_model(*t, Profile::splice_newest, &why))
    return bad(path + ": " + why);
  return write_reproducer(*t, path, o, out, err, oracle::splice_reproducer_source);
}

}  // namespace

int reproducer_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto bad = [&](const std::string &what) {
    err << "splicecheck: " << what << "\n";
    return 2;
  };
  for (const auto &flag : o.given)
    if (flag != "kernel" && flag != "out")
      return bad("'reproducer' takes ROW|TRACE, --kernel and --out, not --" + flag);
  if (o.trace_file.empty() || !o.has("out") || !o.has("kernel"))
    return bad("usage: splicecheck reproducer ROW|TRACE --kernel 6.1|6.12|7.2 --out FILE.c");
  if (o.kernel != "6.1" && o.kernel != "6.12" && o.kernel != "7.2")
    return bad("--kernel " + o.kernel + ": a reproducer is written for 6.1, 6.12 or 7.2");
  // A row names its committed trace; anything else is a trace file.
  std::string path = o.trace_file;
  auto row = parse_bug(o.trace_file);
  if (row) {
    Component c = bug_info(*row).component;
    if (c != Component::alloc && c != Component::splice)
      return bad("row " + o.trace_file + " is not an allocator or splice row: reproducers replay those traces");
    path = std::string(SC_SOURCE_DIR) + "/corpus/oracle/" + (c == Component::alloc ? "alloc/" : "splice/") +
           o.trace_file + ".trace";
  }
  std::ifstream in(path);
  if (!in)
    return bad(row ? "row " + o.trace_file + " has no committed trace (" + path + ")" : "cannot read trace '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  std::string why;
  if (text.str().rfind("# splicecheck splice", 0) == 0)
    return splice_reproducer(text.str(), path, o, out, err);
  auto t = alloc::parse_trace(text.str(), &why);
  if (!t)
    return bad(path + ": " + why);
  size_t dropped = 0;
  auto r = oracle::replayable(*t, &dropped);
  if (dropped)
    return bad(path + ": " + std::to_string(dropped) + " op(s) steer the page supply; a running kernel cannot replay them");
  Profile p = o.kernel == "7.2" ? Profile::v6_13 : Profile::pre_series;
  if (!oracle::valid_for_model(r, p, &why))
    return bad(path + ": " + why);
  return write_reproducer(r, path, o, out, err, oracle::reproducer_source);
}

}  // namespace sc::cli
