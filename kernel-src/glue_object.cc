// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/glue_object.h>

#include <kernel-src/build.h>
#include <kernel-src/patches.h>

#include <dlfcn.h>

#include <cstdlib>

namespace sc::ksrc {
namespace {

template <typename F> bool resolve(void *handle, const char *symbol, F *out, std::string *why) {
  *out = reinterpret_cast<F>(dlsym(handle, symbol));
  if (!*out)
    *why = std::string("the profile lacks ") + symbol;
  return *out != nullptr;
}

}  // namespace

std::unique_ptr<GlueObject> GlueObject::open(const std::filesystem::path &so, std::string *why) {
  // RTLD_LOCAL: several profiles (patch levels) share symbol names and stay apart.
  void *handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    *why = std::string("cannot load the profile: ") + dlerror() +
           " (a function the kernel code calls that the shims do not provide?)";
    return nullptr;
  }
  GlueEntry e{};
  if (!resolve(handle, "sc_glue_cache_size", &e.cache_size, why) ||
      !resolve(handle, "sc_glue_cache_init", &e.cache_init, why) || !resolve(handle, "sc_glue_alloc", &e.alloc, why) ||
      !resolve(handle, "sc_glue_free", &e.free, why) || !resolve(handle, "sc_glue_drain", &e.drain, why) ||
      !resolve(handle, "sc_glue_cached", &e.cached, why)) {
    dlclose(handle);
    return nullptr;
  }
  return std::unique_ptr<GlueObject>(new GlueObject(handle, e));
}

GlueObject::~GlueObject() { dlclose(handle_); }

std::optional<SourceBuild> build_source(const std::string &spec, const std::string &extra_cflags, std::string *why,
                                        bool *skipped) {
  auto tree = obtain_tree(spec, why, skipped);
  if (!tree)
    return std::nullopt;
  std::string templ = (fs::temp_directory_path() / "splicecheck-src-XXXXXX").string();
  if (!mkdtemp(templ.data())) {
    *why = "cannot make a scratch directory under " + fs::temp_directory_path().string();
    return std::nullopt;
  }
  fs::path work = templ;
  std::optional<SourceBuild> out;
  // A loaded object needs no file: the scratch directory goes either way.
  if (copy_files(tree->root, work / "tree", layout_files(tree->layout), why)) {
    auto layout = detect_layout(work / "tree", why);
    std::optional<Built> built;
    if (layout)
      built = build_profile(work / "tree", *layout, work / "build", tree->root.string(), why, extra_cflags);
    if (built)
      if (auto object = GlueObject::open(built->shared_object, why))
        out = SourceBuild{*layout, std::move(object)};
  }
  std::error_code ec;
  fs::remove_all(work, ec);
  return out;
}

}  // namespace sc::ksrc
