#pragma once
// One way per layer: everything below HTTP signals failure with these exceptions.
// The HTTP edge turns Problem into RFC 7807; the Kafka edge retries TransientError and
// dead-letters PermanentError.
#include <stdexcept>
#include <string>

namespace rt {

// An error the caller must see, with its HTTP status (400, 403, 404, 409, ...).
struct Problem : std::runtime_error {
    int status;
    std::string title;
    Problem(int status_, std::string title_, const std::string& detail)
        : std::runtime_error(detail), status(status_), title(std::move(title_)) {}
};

inline Problem bad_request(const std::string& detail) { return {400, "Ugyldig forespørsel", detail}; }
inline Problem unauthorized(const std::string& detail) { return {401, "Ikke autentisert", detail}; }
inline Problem forbidden(const std::string& detail) { return {403, "Ingen tilgang", detail}; }
inline Problem not_found(const std::string& detail) { return {404, "Finnes ikke", detail}; }
inline Problem conflict(const std::string& detail) { return {409, "Ugyldig tilstand", detail}; }

// The operation may succeed if tried again later (database or broker unreachable, deadlock).
struct TransientError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The answer needs a wait that the calling thread must not do (an I/O thread); the caller hands
// the work to a thread that may wait.
struct WouldBlock : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The input can never be handled, however often it is retried (a poison message).
struct PermanentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace rt
