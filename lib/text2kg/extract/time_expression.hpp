#pragma once

#include <string>
#include <string_view>

namespace text2kg::extract {

/// True for a word that heads a time expression: weekday and month names, today,
/// yesterday, tomorrow, tonight, and units such as day, week, month, year, morning, night.
bool is_time_word(std::string_view lower_word);

/// Resolves a time expression as written ("on Monday", "October 21", "Oct. 21, 2019",
/// "yesterday", "in 2019", "in November") against the document date (YYYY-MM-DD) to an ISO
/// date, month (YYYY-MM) or year (YYYY). Rules: a weekday is the most recent such day on or
/// before the document date; a month and day without a year take the document's year;
/// a month alone gives YYYY-MM of the document's year; today/yesterday/tomorrow shift the
/// date; an explicit year is kept. Returns "" when nothing is resolvable or the document
/// date is missing or malformed (an explicit full date is still returned then).
std::string normalize_time(std::string_view expression, std::string_view document_date);

}  // namespace text2kg::extract
