#pragma once

#include <QString>

// One thing a student can show they know, by a request the API records.
struct Challenge
{
    QString id;      // "auth-logout-reuse": stable, lower-case, for URLs, CSV and the log
    QString area;    // "Reading", "Authentication", "Validation", "Writes", "Protocol",
                     // "Accounts", "Products", "Resilience"
    QString title;   // "Reuse a token after logging out"
    QString hint;    // one line: what to try, without giving the exact request away
    QString teaches; // "what this teaches", shown once done
};
