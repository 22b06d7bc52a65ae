#include "modules/treff/deltaker.hpp"

#include <algorithm>

namespace rt::treff {

std::vector<TreffHendelse> flett_hendelser(std::vector<std::vector<TreffHendelse>> kilder) {
    struct Linje {
        TreffHendelse h;
        std::size_t kilde;
    };
    std::vector<Linje> alle;
    for (std::size_t k = 0; k < kilder.size(); ++k)
        for (auto& h : kilder[k]) alle.push_back({std::move(h), k});
    std::stable_sort(alle.begin(), alle.end(), [](const Linje& a, const Linje& b) {
        if (a.h.tidspunkt != b.h.tidspunkt) return a.h.tidspunkt > b.h.tidspunkt;
        if (a.kilde != b.kilde) return a.kilde > b.kilde;
        return a.h.rekkefolge > b.h.rekkefolge;
    });
    std::vector<TreffHendelse> out;
    out.reserve(alle.size());
    for (auto& l : alle) out.push_back(std::move(l.h));
    return out;
}

}  // namespace rt::treff
