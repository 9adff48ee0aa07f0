// SPDX-License-Identifier: GPL-2.0-only
// A built kernel-source profile, loaded: the glue's entry points behind the allocator
// interface, so the properties and the three-way differential drive it like a mirror.
#pragma once

#include <props/page_frag_check.h>

#include <filesystem>
#include <memory>
#include <string>

namespace sc::ksrc {

class LoadedSource final : public alloc::ExternalCode {
 public:
  // nullptr with *why when the object cannot be loaded (a symbol the shims lack, say).
  static std::unique_ptr<LoadedSource> load(const std::filesystem::path &so, std::string name, std::string *why);
  ~LoadedSource() override;

  const std::string &name() const override { return name_; }
  std::unique_ptr<alloc::PageFragImpl::Caches> make(unsigned nr_cpus) const override;

  struct Entry {
    size_t (*cache_size)();
    void (*cache_init)(void *);
    void *(*alloc)(void *, unsigned, gfp_t, unsigned);
    void (*free)(void *);
    void (*drain)(void *);
    struct page *(*cached)(void *, unsigned *);
  };

 private:
  LoadedSource(void *handle, std::string name, Entry e) : handle_(handle), name_(std::move(name)), entry_(e) {}
  void *handle_;
  std::string name_;
  Entry entry_;
};

}  // namespace sc::ksrc
