// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter() of a kernel tree, built against the shims and loaded: the
// functions net/core/skbuff.c defines for it (skb_splice_from_iter, skb_append_pagefrags,
// skb_splice_csum_page) lifted unchanged with the C extractor, with a glue that gives one
// entry point whatever the tree's signature (6.12 takes a gfp argument, 7.2 does not).
#pragma once

#include <api/profiles.h>
#include <kernel-src/tree.h>
#include <linux/skbuff.h>
#include <linux/uio.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sc::ksrc {

// The functions lifted; a tree lacking skb_splice_from_iter has nothing to run.
const std::vector<std::string> &splice_functions();
inline const char *kSpliceFile = "net/core/skbuff.c";

using SpliceEntry = ssize_t (*)(struct sk_buff *, struct iov_iter *, ssize_t, gfp_t);

class SpliceObject {
 public:
  // nullptr with *why when the object cannot be loaded (a symbol the shims lack, say).
  static std::unique_ptr<SpliceObject> open(const fs::path &so, std::string name, std::string *why);
  ~SpliceObject();
  SpliceObject(const SpliceObject &) = delete;
  SpliceObject &operator=(const SpliceObject &) = delete;
  SpliceEntry entry() const { return entry_; }
  const std::string &name() const { return name_; }

 private:
  SpliceObject(void *handle, SpliceEntry e, std::string name) : handle_(handle), entry_(e), name_(std::move(name)) {}
  void *handle_;
  SpliceEntry entry_;
  std::string name_;
};

// Builds the splice functions of the tree at `root` in `work` and loads them as `label`;
// `shown_as` names the tree in errors. nullptr with *why when the tree lacks them, they
// do not compile or do not load.
std::unique_ptr<SpliceObject> build_splice(const fs::path &root, const fs::path &work, const std::string &label,
                                           const std::string &shown_as, std::string *why,
                                           const std::string &extra_cflags = "");

// The splice functions of the tree `spec` names (kernel-src --source), built in a scratch
// directory that goes once they are loaded, as "src:SPEC". Sets *skipped when a source
// package could not be fetched.
std::unique_ptr<SpliceObject> build_splice_source(const std::string &spec, std::string *why, bool *skipped);

// The mirror profile the splice functions of `spec` run beside: the lifted functions call
// the shim's lib/iov_iter.c, which extracts as the kernel of that profile does (7.2: its
// own bvec extraction; 6.12 and a tree directory: 6.12's).
inline Profile splice_rules_of(const std::string &spec) {
  return spec == "7.2" ? Profile::splice_v7_2 : Profile::splice_newest;
}

}  // namespace sc::ksrc
