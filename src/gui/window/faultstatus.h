#pragma once

#include <QWidget>

struct FaultPlan;
class QLabel;
class QPushButton;

// The status bar's alarm while any fault is on: "⚡ FAULTS ON: …" on a coloured ground, so that
// nobody in the room mistakes an injected failure for a broken API, and the one button that
// switches them all off. Hidden while the API behaves normally.
class FaultStatus : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultStatus)

public:
    // At most this many faults are named; the rest are counted ("+2 more").
    static constexpr int NamedFaults = 2;

    explicit FaultStatus(QWidget *parent = nullptr);

    void showPlan(const FaultPlan &plan);
    QString text() const;

signals:
    void allOffRequested();

private:
    QLabel *m_label;
    QPushButton *m_allOffButton;
};
