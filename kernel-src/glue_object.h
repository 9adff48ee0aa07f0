// SPDX-License-Identifier: GPL-2.0-only
// A built kernel-source profile, opened: the glue's entry points (glue/sc_glue.h) in a
// shared object. Independent of the checkers, so the explorer's program, which carries
// its own variant of the shims, loads profiles too.
#pragma once

#include <kernel-src/tree.h>
#include <linux/types.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

struct page;

namespace sc::ksrc {

struct GlueEntry {
  size_t (*cache_size)();
  void (*cache_init)(void *);
  void *(*alloc)(void *, unsigned, gfp_t, unsigned);
  void (*free)(void *);
  void (*drain)(void *);
  struct page *(*cached)(void *, unsigned *);
};

class GlueObject {
 public:
  // nullptr with *why when the object cannot be loaded (a symbol the shims lack, say).
  static std::unique_ptr<GlueObject> open(const std::filesystem::path &so, std::string *why);
  ~GlueObject();
  GlueObject(const GlueObject &) = delete;
  GlueObject &operator=(const GlueObject &) = delete;
  const GlueEntry &entry() const { return entry_; }

 private:
  GlueObject(void *handle, GlueEntry e) : handle_(handle), entry_(e) {}
  void *handle_;
  GlueEntry entry_;
};

// The allocator of the tree `spec` names (kernel-src --source), built with this build's
// flags plus extra_cflags in a scratch directory that goes once it is loaded. Sets
// *skipped when a source package could not be fetched.
struct SourceBuild {
  Layout layout;
  std::unique_ptr<GlueObject> object;
};
std::optional<SourceBuild> build_source(const std::string &spec, const std::string &extra_cflags, std::string *why,
                                        bool *skipped);

}  // namespace sc::ksrc
