// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/loaded.h>

#include <linux/smp.h>

#include <vector>

namespace sc::ksrc {
namespace {

// One cache per virtual cpu in storage the profile sized; the kernel code sees the
// cpu it runs on through the shim's current task, as our mirrors do.
class SourceCaches final : public alloc::PageFragImpl::Caches {
 public:
  SourceCaches(const GlueEntry &e, unsigned nr_cpus)
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

  GlueEntry e_;
  size_t size_;
  std::vector<unsigned char> storage_;
};

}  // namespace

std::unique_ptr<LoadedSource> LoadedSource::load(const std::filesystem::path &so, std::string name, std::string *why) {
  auto object = GlueObject::open(so, why);
  return object ? std::make_unique<LoadedSource>(std::move(object), std::move(name)) : nullptr;
}

std::unique_ptr<alloc::PageFragImpl::Caches> LoadedSource::make(unsigned nr_cpus) const {
  return std::make_unique<SourceCaches>(object_->entry(), nr_cpus);
}

}  // namespace sc::ksrc
