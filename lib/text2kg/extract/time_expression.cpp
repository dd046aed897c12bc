#include "text2kg/extract/time_expression.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>
#include <vector>


namespace text2kg::extract {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday", "wednesday", "thursday",
                                                      "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march", "april", "may", "june",
                                                     "july", "august", "september", "october", "november",
                                                     "december"};
constexpr std::array<std::string_view, 12> kMonthAbbreviations = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                 "jul", "aug", "sep", "oct", "nov", "dec"};

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long days_from_civil(Date d) {
  const int y = d.month <= 2 ? d.year - 1 : d.year;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (d.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long>(era) * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::optional<int> to_int(std::string_view s) {
  int value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto y = to_int(s.substr(0, 4));
  const auto m = to_int(s.substr(5, 2));
  const auto d = to_int(s.substr(8, 2));
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
  return Date{*y, *m, *d};
}

std::string format_date(Date d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

std::string format_month(int year, int month) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  return buffer;
}

/// Lower-case words of the expression, punctuation dropped ("Oct." -> "oct").
std::vector<std::string> words_of(std::string_view expression) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : expression) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

template <std::size_t N>
std::optional<int> index_in(const std::array<std::string_view, N>& names, std::string_view word) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == word) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<int> month_of(std::string_view word) {
  if (const auto m = index_in(kMonths, word)) return *m + 1;
  if (word == "sept") return 9;
  if (const auto m = index_in(kMonthAbbreviations, word)) return *m + 1;
  return std::nullopt;
}

}  // namespace

bool is_time_word(std::string_view lower_word) {
  static constexpr std::array<std::string_view, 20> kUnits = {
      "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night",
      "day", "week", "weekend", "month", "year", "decade", "century", "hour", "minute", "time", "date", "moment"};
  return index_in(kWeekdays, lower_word) || index_in(kMonths, lower_word) || index_in(kUnits, lower_word);
}

std::string normalize_time(std::string_view expression, std::string_view document_date) {
  const auto words = words_of(expression);
  const auto anchor = parse_iso_date(document_date);
  std::optional<int> month, day, year, weekday;
  int shift = 0;
  bool relative = false;
  for (const auto& word : words) {
    if (const auto w = index_in(kWeekdays, word)) weekday = *w;
    else if (const auto m = month_of(word); m && word != "may" ) month = *m;
    else if (word == "may" && words.size() > 1) month = 5;  // "May 3"; a lone "may" is the modal
    else if (word == "today" || word == "tonight") relative = true;
    else if (word == "yesterday") relative = true, shift = -1;
    else if (word == "tomorrow") relative = true, shift = 1;
    else if (const auto n = to_int(word)) {
      if (word.size() == 4 && *n >= 1000 && *n <= 2999) year = *n;
      else if (*n >= 1 && *n <= 31) day = *n;
    } else if (word.size() > 2 && std::isdigit(static_cast<unsigned char>(word[0]))) {
      // ordinals: "21st", "3rd"
      const auto digits = word.substr(0, word.find_first_not_of("0123456789"));
      if (const auto n = to_int(digits); n && *n >= 1 && *n <= 31) day = *n;
    }
  }
  if (month && day) {
    if (year) return format_date({*year, *month, *day});
    if (anchor) return format_date({anchor->year, *month, *day});
    return "";
  }
  if (month) {
    if (year) return format_month(*year, *month);
    if (anchor) return format_month(anchor->year, *month);
    return "";
  }
  if (!anchor) return year ? std::to_string(*year) : "";
  if (weekday) {
    const long days = days_from_civil(*anchor);
    // 1970-01-01 was a Thursday: weekday index 3 with Monday = 0.
    const long anchor_weekday = ((days % 7) + 7 + 3) % 7;
    const long back = (anchor_weekday - *weekday + 7) % 7;
    return format_date(civil_from_days(days - back));
  }
  if (relative) return format_date(civil_from_days(days_from_civil(*anchor) + shift));
  if (year) return std::to_string(*year);
  return "";
}

}  // namespace text2kg::extract
