#pragma once

#include <QString>

class ChallengeMemory;
class ExchangeFacts;

// Whether one exchange completes one challenge, given what earlier exchanges left in memory.
using ChallengeDetector = bool (*)(const ExchangeFacts &facts, const ChallengeMemory &memory);

// The detector of a catalogue id; nullptr for an unknown id.
ChallengeDetector challengeDetector(const QString &id);
