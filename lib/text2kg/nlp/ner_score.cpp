#include "text2kg/nlp/ner_score.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace text2kg::nlp {

namespace {

double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

double NerScore::Counts::precision() const { return ratio(true_positives, true_positives + false_positives); }
double NerScore::Counts::recall() const { return ratio(true_positives, true_positives + false_negatives); }
double NerScore::Counts::f1() const {
  const double p = precision();
  const double r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

void NerScore::add(std::span<const NerSpan> gold, std::span<const NerSpan> predicted) {
  std::vector<bool> used(gold.size(), false);
  for (const NerSpan& p : predicted) {
    Counts& type = by_type_[std::string(to_string(p.type))];
    bool matched = false;
    for (std::size_t g = 0; g < gold.size(); ++g) {
      if (!used[g] && gold[g] == p) {
        used[g] = true;
        matched = true;
        break;
      }
    }
    ++(matched ? type.true_positives : type.false_positives);
    ++(matched ? total_.true_positives : total_.false_positives);
  }
  for (std::size_t g = 0; g < gold.size(); ++g) {
    if (used[g]) continue;
    ++by_type_[std::string(to_string(gold[g].type))].false_negatives;
    ++total_.false_negatives;
  }
}

void NerScore::print(std::ostream& out) const {
  const auto line = [&out](const std::string& name, const Counts& c) {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "%-14s %6llu %6llu %7.2f %7.2f %7.2f\n", name.c_str(),
                  static_cast<unsigned long long>(c.true_positives + c.false_negatives),
                  static_cast<unsigned long long>(c.true_positives + c.false_positives), 100 * c.precision(),
                  100 * c.recall(), 100 * c.f1());
    out << buffer;
  };
  out << "type             gold   pred       P       R      F1\n";
  for (const auto& [name, counts] : by_type_) line(name, counts);
  line("overall", total_);
}

}  // namespace text2kg::nlp
