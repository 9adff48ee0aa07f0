// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/build.h>

#include <kernel-src/build_steps.h>
#include <kernel-src/c_items.h>
#include <sys/process.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

namespace sc::ksrc {

int run_command(const std::vector<std::string> &argv, std::string *out) {
  sys::Command c{argv};
  c.stderr_to_stdout = true;
  auto r = sys::run(c);
  out->append(r.out);
  if (!r.ok() && r.exit_code <= 0)
    out->append(r.status_text(c) + "\n");
  return r.exit_code;
}

std::optional<std::string> read_text_file(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool write_file(const fs::path &p, const std::string &text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

// Space-separated flags fixed by the build (the sanitizer flags, the explorer's -D): words.
std::vector<std::string> words(const std::string &s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;)
    out.push_back(w);
  return out;
}

// Compiler flags for kernel text: GNU C, every shim, no system kernel headers, and the
// warnings that would otherwise hide a missing shim as a silent miscompile. -fexceptions:
// an op over its work budget escapes through the kernel's frames (shim/sc/op_budget.h).
std::vector<std::string> c_flags(const fs::path &kinc, const fs::path &work, const std::string &extra) {
  std::vector<std::string> f = {"-std=gnu11", "-fPIC", "-fexceptions", "-O1", "-g", "-fvisibility=hidden", "-Wall", "-Wundef",
                                "-Wno-unused-function", "-Werror=implicit-function-declaration", "-Werror=undef",
                                "-Werror=int-conversion", "-Werror=incompatible-pointer-types", "-Werror=return-type"};
  for (const auto &w : words(SC_KSRC_CFLAGS))
    f.push_back(w);
  for (const std::string &dir : {kinc.string(), work.string(), std::string(SC_SHIM_DIR), std::string(SC_KSRC_GLUE_DIR)})
    f.insert(f.end(), {"-I", dir});
  // A quoted "internal.h" is found next to the .c file first; the stand-in carries the
  // kernel's guard name, so the real one (if any) becomes empty, and -iquote finds the
  // stand-in where a copy has none.
  f.insert(f.end(), {"-include", std::string(SC_SHIM_DIR) + "/mm/internal.h", "-iquote", std::string(SC_SHIM_DIR) + "/mm"});
  for (const auto &w : words(extra))
    f.push_back(w);
  return f;
}

bool compile(const fs::path &src, const fs::path &obj, const std::vector<std::string> &flags, std::string *why) {
  std::string log;
  fs::path deps = obj;
  deps += ".d";
  std::vector<std::string> cmd = {SC_KSRC_CC};
  cmd.insert(cmd.end(), flags.begin(), flags.end());
  cmd.insert(cmd.end(), {"-MD", "-MF", deps.string(), "-c", src.string(), "-o", obj.string()});
  if (run_command(cmd, &log) != 0) {
    *why = "does not compile against the shims:\n" + log;
    return false;
  }
  // A header the shims lack must not be taken silently from the system's UAPI copy.
  auto d = read_text_file(deps).value_or("");
  std::smatch m;
  if (std::regex_search(d, m, std::regex("/usr/include/(linux|asm|asm-generic)/[^ \\\\\n]+"))) {
    *why = "compiling " + src.string() + " pulled in the system header " + m.str() +
           ": the shims lack a header it needs";
    return false;
  }
  return true;
}

// A tree's name inside generated C: a string literal (#line) or a comment, whatever
// characters the directory's name holds.
std::string c_string(const std::string &s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += std::string("\\") + static_cast<char>(c);
    else if (c < 0x20 || c >= 0x7f) {
      char oct[8];
      std::snprintf(oct, sizeof oct, "\\%03o", c);
      out += oct;
    } else
      out += static_cast<char>(c);
  }
  return out + "\"";
}
std::string c_comment(const std::string &s) {
  std::string out;
  for (char c : s)
    out += (c == '\n' || c == '\r') ? ' ' : (c == '/' && !out.empty() && out.back() == '*') ? '_' : c;
  return out;
}

bool read_c_items(const fs::path &root, const std::string &file, const std::string &shown_as,
                  const std::string &unreadable, std::vector<CItem> *items, std::string *why) {
  auto text = read_text_file(root / file);
  if (!text) {
    *why = unreadable;
    return false;
  }
  std::string scan_why;
  if (!scan_c_items(*text, items, &scan_why)) {
    *why = shown_as + "/" + file + ": " + scan_why;
    return false;
  }
  return true;
}

bool link_profile(const std::vector<fs::path> &objects, const fs::path &so, std::string *why) {
  std::vector<std::string> cmd = {SC_KSRC_CC, "-shared"};
  for (const auto &w : words(SC_KSRC_CFLAGS))
    cmd.push_back(w);
  cmd.insert(cmd.end(), {"-o", so.string()});
  for (const auto &o : objects)
    cmd.push_back(o.string());
  std::string log;
  if (run_command(cmd, &log) != 0) {
    *why = "linking the profile failed:\n" + log;
    return false;
  }
  return true;
}

namespace {

struct Extracted {
  std::string header, source;
};

// The page_frag functions of `file` (mm/page_alloc.c, or the series' mm/page_frag_alloc.c)
// and their EXPORT_SYMBOLs, unchanged; struct page_frag_cache with its constants from
// the first header that defines it. The generated header tells the glue which API this
// tree has (SC_HAVE_<function>, SC_ALLOC_TAKES_MASK, SC_CACHE_HAS_<field>).
std::optional<Extracted> extract_functions(const fs::path &root, const std::string &file, const std::string &shown_as,
                                           std::string *why) {
  std::vector<CItem> items;
  if (!read_c_items(root, file, shown_as, "cannot read " + (root / file).string(), &items, why))
    return std::nullopt;
  std::string scan_why;
  Extracted out;
  std::string prototypes, api;
  std::vector<std::string> names;
  for (const auto &it : items) {
    bool frag_function = it.kind == CItem::Kind::function && it.name.find("page_frag") != std::string::npos;
    bool export_of_one = it.kind == CItem::Kind::declaration && it.name.rfind("EXPORT_SYMBOL", 0) == 0 &&
                         std::find(names.begin(), names.end(), it.argument) != names.end();
    if (!frag_function && !export_of_one)
      continue;
    out.source += "#line " + std::to_string(it.first_line) + " " + c_string(shown_as + "/" + file) + "\n" + it.text + "\n";
    if (!frag_function)
      continue;
    names.push_back(it.name);
    api += "#define SC_HAVE_" + it.name + " 1\n";
    if (it.is_static)
      continue;
    prototypes += std::regex_replace(it.header, std::regex("\\s+$"), "") + ";\n";
    // Before the series' patch 03 (and in v6.13's __ variant) callers pass -align.
    if (it.name.find("page_frag_alloc_align") != std::string::npos &&
        std::regex_search(it.header, std::regex("align_mask\\s*\\)\\s*$")))
      api += "#define SC_ALLOC_TAKES_MASK_" + it.name + " 1\n";
  }
  if (names.empty()) {
    *why = shown_as + "/" + file + " has no page_frag function";
    return std::nullopt;
  }
  std::string types;
  for (const char *h : {"include/linux/page_frag_cache.h", "include/linux/mm_types_task.h", "include/linux/mm_types.h"}) {
    auto t = read_text_file(root / h);
    std::vector<CItem> decls;
    if (!t || !scan_c_items(*t, &decls, &scan_why))
      continue;
    std::string found;
    for (const auto &it : decls)
      if ((it.kind == CItem::Kind::directive && it.name.rfind("PAGE_FRAG_CACHE_", 0) == 0) ||
          (it.kind == CItem::Kind::declaration && it.name == "struct page_frag_cache" &&
           it.text.find('{') != std::string::npos))
        found += "/* copied from " + c_comment(shown_as + "/" + h) + ":" + std::to_string(it.first_line) + "-" +
                 std::to_string(it.last_line) + " */\n" + it.text + "\n";
    if (found.find("struct page_frag_cache") != std::string::npos) {
      types = found;
      break;
    }
  }
  if (types.empty()) {
    *why = "no definition of struct page_frag_cache in " + shown_as +
           "/include/linux/page_frag_cache.h, mm_types_task.h or mm_types.h";
    return std::nullopt;
  }
  for (const char *field : {"va", "folio", "encoded_page"})
    if (std::regex_search(types, std::regex(std::string("[ *]") + field + "\\s*;")))
      api += std::string("#define SC_CACHE_HAS_") + field + " 1\n";
  out.header = "/* generated by splicecheck kernel-src from " + c_comment(shown_as) +
               ": kernel text copied unchanged, with references */\n"
               "#ifndef SC_PAGE_FRAG_EXTRACTED_H\n#define SC_PAGE_FRAG_EXTRACTED_H\n"
               "#include <asm/page.h>\n#include <linux/align.h>\n#include <linux/mm.h>\n#include <linux/types.h>\n" +
               types + prototypes + api + "#endif\n";
  // What the file's own includes give these functions.
  out.source = "/* generated by splicecheck kernel-src: the page_frag functions of " + c_comment(shown_as + "/" + file) +
               ", unchanged */\n"
               "#include <linux/bug.h>\n#include <linux/export.h>\n#include <linux/gfp.h>\n#include <linux/mm.h>\n"
               "#include \"page_frag_extracted.h\"\n" +
               out.source;
  return out;
}

}  // namespace

std::optional<Built> build_profile(const fs::path &root, Layout layout, const fs::path &work,
                                   const std::string &shown_as, std::string *why, const std::string &extra_cflags) {
  std::error_code ec;
  fs::path kinc = work / "include";
  fs::create_directories(kinc / "linux", ec);
  std::vector<fs::path> objects;
  auto flags = c_flags(kinc, work, extra_cflags);
  Built built;
  fs::path glue;
  switch (layout) {
  case Layout::page_frag_cache: {
    // The kernel's own API header and struct, unchanged; everything else from the shims.
    for (const char *h : {"page_frag_cache.h", "mm_types_task.h"}) {
      if (!fs::exists(root / "include/linux" / h)) {
        *why = shown_as + " lacks include/linux/" + h + ", which mm/page_frag_cache.c needs";
        return std::nullopt;
      }
      fs::copy_file(root / "include/linux" / h, kinc / "linux" / h, fs::copy_options::overwrite_existing, ec);
    }
    objects.push_back(work / "page_frag_cache.o");
    if (!compile(root / "mm/page_frag_cache.c", objects.back(), flags, why)) {
      *why = shown_as + "/mm/page_frag_cache.c " + *why;
      return std::nullopt;
    }
    built.summary = "mm/page_frag_cache.c, compiled whole and unchanged";
    glue = fs::path(SC_KSRC_GLUE_DIR) / "glue_page_frag_cache.c";
    break;
  }
  case Layout::page_alloc:
  case Layout::page_frag_alloc: {
    std::string file = layout == Layout::page_alloc ? "mm/page_alloc.c" : "mm/page_frag_alloc.c";
    auto ex = extract_functions(root, file, shown_as, why);
    if (!ex)
      return std::nullopt;
    if (!write_file(work / "page_frag_extracted.h", ex->header) ||
        !write_file(work / "page_frag_extracted.c", ex->source)) {
      *why = "cannot write into " + work.string();
      return std::nullopt;
    }
    objects.push_back(work / "page_frag_extracted.o");
    if (!compile(work / "page_frag_extracted.c", objects.back(), flags, why)) {
      *why = "the page_frag functions of " + shown_as + "/" + file + " " + *why;
      return std::nullopt;
    }
    built.summary = "the page_frag functions of " + file + ", extracted unchanged";
    glue = fs::path(SC_KSRC_GLUE_DIR) / "glue_extracted.c";
    break;
  }
  }
  objects.push_back(work / "glue.o");
  if (!compile(glue, objects.back(), flags, why)) {
    *why = "splicecheck's glue for " + std::string(layout_name(layout)) + " " + *why;
    return std::nullopt;
  }
  built.shared_object = work / "profile.so";
  if (!link_profile(objects, built.shared_object, why))
    return std::nullopt;
  return built;
}

}  // namespace sc::ksrc
