// SPDX-License-Identifier: GPL-2.0-only
// The extractor finds kernel functions by what they are, not where they sit.
#include <kernel-src/c_items.h>

#include <gtest/gtest.h>

namespace sc::ksrc {
namespace {

const CItem *find(const std::vector<CItem> &items, const std::string &name) {
  for (const auto &it : items)
    if (it.name == name)
      return &it;
  return nullptr;
}

constexpr const char *kFile = R"(/* a comment with a brace { that must not count */
#include <linux/mm.h>
#define PAGE_FRAG_CACHE_MAX_SIZE \
	__ALIGN_MASK(32768, ~PAGE_MASK)

struct page_frag_cache {
	void *va;
#if (PAGE_SIZE < PAGE_FRAG_CACHE_MAX_SIZE)
	__u16 offset;
#endif
};

static const char *msg = "}"; // a string with a brace
static char brace = '{';

static struct page *__page_frag_cache_refill(struct page_frag_cache *nc,
					     gfp_t gfp_mask)
{
	struct page *page = NULL; /* } */
#if (PAGE_SIZE < PAGE_FRAG_CACHE_MAX_SIZE)
	if (gfp_mask) {
#else
	if (!gfp_mask) {
#endif
		page = NULL;
	}
	return page;
}

void page_frag_free(void *addr)
{
	put_page(addr);
}
EXPORT_SYMBOL(page_frag_free);
)";

TEST(CItems, FindsFunctionsStructsMacrosAndExports) {
  std::vector<CItem> items;
  std::string why;
  ASSERT_TRUE(scan_c_items(kFile, &items, &why)) << why;
  const CItem *refill = find(items, "__page_frag_cache_refill");
  ASSERT_NE(refill, nullptr);
  EXPECT_EQ(refill->kind, CItem::Kind::function);
  EXPECT_TRUE(refill->is_static);
  EXPECT_EQ(refill->first_line, 16u);
  EXPECT_EQ(refill->last_line, 28u);
  EXPECT_NE(refill->header.find("gfp_t gfp_mask)"), std::string::npos);

  const CItem *free = find(items, "page_frag_free");
  ASSERT_NE(free, nullptr);
  EXPECT_FALSE(free->is_static);
  EXPECT_EQ(free->text, "void page_frag_free(void *addr)\n{\n\tput_page(addr);\n}");

  const CItem *exp = find(items, "EXPORT_SYMBOL");
  ASSERT_NE(exp, nullptr);
  EXPECT_EQ(exp->argument, "page_frag_free");

  const CItem *st = find(items, "struct page_frag_cache");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(st->kind, CItem::Kind::declaration);
  EXPECT_EQ(st->first_line, 6u);
  EXPECT_EQ(st->last_line, 11u);

  const CItem *max = find(items, "PAGE_FRAG_CACHE_MAX_SIZE");
  ASSERT_NE(max, nullptr);
  EXPECT_EQ(max->kind, CItem::Kind::directive);
  EXPECT_EQ(max->last_line, 4u);  // the continuation line belongs to it

  EXPECT_NE(find(items, "msg"), nullptr);
  EXPECT_NE(find(items, "brace"), nullptr);
}

TEST(CItems, SameFunctionAnywhereInTheFile) {
  std::string moved = std::string("int unrelated(void) { return 0; }\n\n\n") + kFile;
  std::vector<CItem> items;
  std::string why;
  ASSERT_TRUE(scan_c_items(moved, &items, &why)) << why;
  ASSERT_NE(find(items, "__page_frag_cache_refill"), nullptr);
  EXPECT_EQ(find(items, "__page_frag_cache_refill")->first_line, 19u);
}

TEST(CItems, UnbalancedInputIsRefusedWithALine) {
  std::vector<CItem> items;
  std::string why;
  EXPECT_FALSE(scan_c_items("void f(void)\n{\n\tif (x) {\n}\n", &items, &why));
  EXPECT_NE(why.find("line 1"), std::string::npos) << why;
  items.clear();
  EXPECT_FALSE(scan_c_items("int x;\n}\n", &items, &why));
  EXPECT_NE(why.find("line 2: '}' without '{'"), std::string::npos) << why;
  items.clear();
  EXPECT_FALSE(scan_c_items("/* never closed\nint x;\n", &items, &why));
  EXPECT_NE(why.find("comment never ends"), std::string::npos) << why;
}

}  // namespace
}  // namespace sc::ksrc
