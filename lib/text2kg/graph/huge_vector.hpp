#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <vector>

#include "text2kg/base/huge_page_allocator.hpp"

namespace text2kg::graph {

/// Boost.Graph container selector: adjacency_list's vertex list as a std::vector over
/// HugePageAllocator, random access like vecS (a Vertex stays a dense index).
struct huge_vecS {};

}  // namespace text2kg::graph

namespace boost {
template <typename ValueType>
struct container_gen<text2kg::graph::huge_vecS, ValueType> {
  using type = std::vector<ValueType, text2kg::HugePageAllocator<ValueType>>;
};
namespace detail {
template <>
struct is_random_access<text2kg::graph::huge_vecS> {
  enum { value = true };
  using type = mpl::true_;
};
}  // namespace detail
}  // namespace boost
