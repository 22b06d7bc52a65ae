#pragma once
// Who is calling, as the token says: a counsellor (Azure AD) or a citizen (TokenX).
#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>

namespace rt::auth {

enum class Role { ArbeidsgiverRettet, JobbsokerRettet, Utvikler, Borger };

struct Principal {
    enum class Kind { Veileder, Borger } kind;
    std::string nav_ident;  // counsellor: the NAVident claim
    std::string fnr;        // citizen: the pid claim
    std::set<Role> roles;

    bool has(Role r) const { return roles.contains(r); }
    bool has_any(std::initializer_list<Role> rs) const {
        return std::any_of(rs.begin(), rs.end(), [this](Role r) { return has(r); });
    }
};

}  // namespace rt::auth
