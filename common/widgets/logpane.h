// The log pane both windows show: the bounded LogView with its Clear and
// "Save log..." buttons. Saving asks for a path through a prompt that tests
// replace (setSavePathPrompt), so no modal dialog blocks a driven path.
#pragma once

#include <QWidget>

#include <functional>

class EventLog;
class LogView;
class QPushButton;

class LogPane : public QWidget
{
    Q_OBJECT

public:
    using SavePathPrompt = std::function<QString()>;

    explicit LogPane(EventLog *log, QWidget *parent = nullptr);

    LogView *view() const { return m_view; }
    // Replaces the file dialog that asks where to save. An empty answer
    // cancels.
    void setSavePathPrompt(SavePathPrompt prompt) { m_prompt = std::move(prompt); }

Q_SIGNALS:
    // After "Save log..." ran: ok, and the path or the reason it failed.
    void saved(bool ok, const QString &pathOrError);

private:
    void save();

    EventLog *m_log;
    LogView *m_view;
    QPushButton *m_clearButton;
    QPushButton *m_saveButton;
    SavePathPrompt m_prompt;
};
