#include "lessons.h"

#include "flaskadvancedlesson.h"
#include "flaskjwtlesson.h"
#include "inventorylesson.h"
#include "usermanagementlesson.h"

std::vector<std::unique_ptr<LessonApi>> makeLessonApis(const LessonContext &context)
{
    std::vector<std::unique_ptr<LessonApi>> lessons;
    lessons.push_back(std::make_unique<UserManagementLesson>(context));
    lessons.push_back(std::make_unique<FlaskJwtLesson>(context));
    lessons.push_back(std::make_unique<FlaskAdvancedLesson>(context));
    lessons.push_back(std::make_unique<InventoryLesson>(context));
    return lessons;
}
