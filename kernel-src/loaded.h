// SPDX-License-Identifier: GPL-2.0-only
// A built kernel-source profile, loaded: the glue's entry points behind the allocator
// interface, so the properties and the three-way differential drive it like a mirror.
#pragma once

#include <kernel-src/glue_object.h>
#include <props/page_frag_check.h>

#include <filesystem>
#include <memory>
#include <string>

namespace sc::ksrc {

class LoadedSource final : public alloc::ExternalCode {
 public:
  // nullptr with *why when the object cannot be loaded (a symbol the shims lack, say).
  static std::unique_ptr<LoadedSource> load(const std::filesystem::path &so, std::string name, std::string *why);
  LoadedSource(std::unique_ptr<GlueObject> object, std::string name)
      : object_(std::move(object)), name_(std::move(name)) {}

  const std::string &name() const override { return name_; }
  std::unique_ptr<alloc::PageFragImpl::Caches> make(unsigned nr_cpus) const override;

 private:
  std::unique_ptr<GlueObject> object_;
  std::string name_;
};

}  // namespace sc::ksrc
