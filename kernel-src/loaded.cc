// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/loaded.h>

#include <dlfcn.h>
#include <linux/smp.h>

#include <vector>

namespace sc::ksrc {
namespace {

// One cache per virtual cpu in storage the profile sized; the kernel code sees the
// cpu it runs on through the shim's current task, as our mirrors do.
class SourceCaches final : public alloc::PageFragImpl::Caches {
 public:
  SourceCaches(const LoadedSource::Entry &e, unsigned nr_cpus)
      : e_(e), size_((e.cache_size() + 15) & ~size_t{15}), storage_(size_ * nr_cpus) {
    for (unsigned cpu = 0; cpu < nr_cpus; cpu++)
      e_.cache_init(nc(cpu));
  }

  void *alloc(unsigned cpu, uint32_t fragsz, gfp_t gfp, uint32_t align) override {
    sc_current_task.cpu = static_cast<int>(cpu);
    return e_.alloc(nc(cpu), fragsz, gfp, align);
  }
  void free(void *addr) override { e_.free(addr); }
  void drain(unsigned cpu) override { e_.drain(nc(cpu)); }
  std::optional<alloc::PageFragImpl::CachedPage> cached(unsigned cpu) const override {
    unsigned bias = 0;
    const struct page *head = e_.cached(const_cast<SourceCaches *>(this)->nc(cpu), &bias);
    return head ? std::optional(alloc::PageFragImpl::CachedPage{head, bias}) : std::nullopt;
  }

 private:
  void *nc(unsigned cpu) { return storage_.data() + size_ * cpu; }

  LoadedSource::Entry e_;
  size_t size_;
  std::vector<unsigned char> storage_;
};

template <typename F> bool resolve(void *handle, const char *symbol, F *out, std::string *why) {
  *out = reinterpret_cast<F>(dlsym(handle, symbol));
  if (!*out)
    *why = std::string("the profile lacks ") + symbol;
  return *out != nullptr;
}

}  // namespace

std::unique_ptr<LoadedSource> LoadedSource::load(const std::filesystem::path &so, std::string name, std::string *why) {
  // RTLD_LOCAL: several profiles (patch levels) share symbol names and stay apart.
  void *handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    *why = std::string("cannot load the profile: ") + dlerror() +
           " (a function the kernel code calls that the shims do not provide?)";
    return nullptr;
  }
  Entry e{};
  if (!resolve(handle, "sc_glue_cache_size", &e.cache_size, why) ||
      !resolve(handle, "sc_glue_cache_init", &e.cache_init, why) || !resolve(handle, "sc_glue_alloc", &e.alloc, why) ||
      !resolve(handle, "sc_glue_free", &e.free, why) || !resolve(handle, "sc_glue_drain", &e.drain, why) ||
      !resolve(handle, "sc_glue_cached", &e.cached, why)) {
    dlclose(handle);
    return nullptr;
  }
  return std::unique_ptr<LoadedSource>(new LoadedSource(handle, std::move(name), e));
}

LoadedSource::~LoadedSource() { dlclose(handle_); }

std::unique_ptr<alloc::PageFragImpl::Caches> LoadedSource::make(unsigned nr_cpus) const {
  return std::make_unique<SourceCaches>(entry_, nr_cpus);
}

}  // namespace sc::ksrc
