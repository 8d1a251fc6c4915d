// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// Work handed to another thread's event loop, in an order ThreadSanitizer
// can see. A queued call is ordered after everything its poster did before
// posting (the receiving thread's event queue is behind a mutex), but that
// mutex and the call's reference count live in libQt6Core, which is not
// built with ThreadSanitizer: under TSan every queued call across threads
// would be reported as a race. post() declares the order Qt gives, and
// emitAcross() and acquire() do the same for a queued signal. In a
// build without TSan they are plain QMetaObject::invokeMethod() and no code.
// docs/reliability.md, "ThreadSanitizer".
#pragma once

#include <QObject>

#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define SOCKETHUB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SOCKETHUB_TSAN 1
#endif
#endif

#if defined(SOCKETHUB_TSAN)
extern "C" {
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
}
#endif

namespace CrossThread {

// What a thread did before release(channel) happens before what another
// does after a later acquire(channel). channel: any address both know.
inline void release([[maybe_unused]] const void *channel)
{
#if defined(SOCKETHUB_TSAN)
    __tsan_release(const_cast<void *>(channel));
#endif
}
inline void acquire([[maybe_unused]] const void *channel)
{
#if defined(SOCKETHUB_TSAN)
    __tsan_acquire(const_cast<void *>(channel));
#endif
}

#if defined(SOCKETHUB_TSAN)
// The call as Qt holds it. Qt drops it on whichever thread lets go of it
// last, the poster's or the target's: when that is the poster, what f()
// did happens before the drop (the destructor acquires what the call
// released).
template<typename F>
class Parcel
{
public:
    Parcel(QObject *target, F f) : m_target(target), m_f(std::move(f)) { }
    Parcel(Parcel &&) = default;
    Parcel(const Parcel &) = delete;
    Parcel &operator=(const Parcel &) = delete;
    Parcel &operator=(Parcel &&) = delete;
    ~Parcel() { acquire(this); }

    void operator()()
    {
        acquire(m_target);
        m_f();
        release(this);
    }

private:
    QObject *m_target;
    F m_f;
};
#endif

// Runs f() on target's thread, later (a queued call). Only for a target on
// another thread: what this thread did before post() happens before f().
// Under TSan the accesses Qt's inline code makes to the call object while
// it is handed over (filled here, read and freed there) are not checked:
// only Qt's uninstrumented code orders them.
template<typename F>
void post(QObject *target, F &&f)
{
#if defined(SOCKETHUB_TSAN)
    release(target);
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
    QMetaObject::invokeMethod(target, Parcel<std::decay_t<F>>(target, std::forward<F>(f)), Qt::QueuedConnection);
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
#else
    QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::QueuedConnection);
#endif
}

// Emits a signal (emitSignal() does) whose receivers may live on other
// threads (queued connections): what this thread did before happens before
// their slots, each of which calls acquire(sender) first. Under TSan, Qt's
// copies of the arguments, and slots connected directly, are not checked
// while it emits.
template<typename F>
void emitAcross(const QObject *sender, F &&emitSignal)
{
#if defined(SOCKETHUB_TSAN)
    release(sender);
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
    emitSignal();
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
#else
    (void)sender;
    emitSignal();
#endif
}

} // namespace CrossThread
