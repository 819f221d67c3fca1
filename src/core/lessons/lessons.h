#pragma once

#include "lessonapi.h"

#include <memory>
#include <vector>

// Every lesson API, in the order /docs and the window list them.
std::vector<std::unique_ptr<LessonApi>> makeLessonApis(const LessonContext &context);
