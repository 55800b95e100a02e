package io.piaf.savings.internal;

import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ProblemException;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.savings.VaultId;
import io.piaf.savings.internal.MovementStore.Kind;
import io.piaf.savings.internal.VaultViews.MoneyJson;
import io.piaf.savings.internal.VaultViews.VaultView;
import io.piaf.savings.internal.domain.Goal;
import io.piaf.savings.internal.domain.RoundUp;
import io.piaf.savings.internal.domain.SavingSchedule;
import io.piaf.savings.internal.domain.VaultName;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
class VaultController {

    record GoalJson(MoneyJson amount, String date) {
    }

    record NewVault(String name, GoalJson goal) {
    }

    /** PATCH body: a member left out is left unchanged; {@code "goal": null} removes the goal. */
    static final class VaultChanges {
        private String name;
        private GoalJson goal;
        private boolean goalGiven;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public GoalJson getGoal() {
            return goal;
        }

        public void setGoal(GoalJson goal) {
            this.goal = goal;
            this.goalGiven = true;
        }
    }

    record MoveRequest(MoneyJson amount) {
    }

    record RoundUpsRequest(Boolean enabled, Integer multiplier) {
    }

    record ScheduleRequest(MoneyJson amount, String frequency, Integer day) {
    }

    private final VaultService vaults;
    private final VaultMoves moves;
    private final VaultStore store;
    private final IdempotentRequests idempotency;
    private final SavingsProperties properties;
    private final Clock clock;
    private final JsonMapper json;

    VaultController(VaultService vaults, VaultMoves moves, VaultStore store, IdempotentRequests idempotency,
            SavingsProperties properties, Clock clock, JsonMapper json) {
        this.vaults = vaults;
        this.moves = moves;
        this.store = store;
        this.idempotency = idempotency;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/api/savings/vaults")
    Mono<VaultViews.Vaults> list(@AuthenticationPrincipal Jwt jwt) {
        return store.list(Callers.user(jwt)).map(VaultViews::of).collectList().map(VaultViews.Vaults::new);
    }

    @PostMapping(path = "/api/savings/vaults", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> open(@AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody NewVault body) {
        var owner = Callers.user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_name", "A vault has a name, e.g. \"Holidays\".");
            }
            var name = VaultName.clean(body.name());
            var goal = goal(body.goal());
            var fingerprint = idempotency.fingerprint("savings OPEN", name, goal == null ? null : Long.toString(goal.cents()),
                    goal == null || goal.date() == null ? null : goal.date().toString());
            return idempotency.execute(owner.value(), key, fingerprint, completion -> vaults.open(owner, new VaultService.Opening(name, goal))
                    .flatMap(row -> {
                        var view = json.writeValueAsString(VaultViews.of(row));
                        // Stored after the vault committed: a crash in between frees the key and a retry opens another.
                        return completion.complete(201, view).thenReturn(new IdempotentRequests.Response(201, view, false));
                    }));
        }).map(VaultController::entity);
    }

    @GetMapping("/api/savings/vaults/{id}")
    Mono<VaultView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return vaults.find(Callers.user(jwt), vaultId(id)).map(VaultViews::of);
    }

    @PatchMapping(path = "/api/savings/vaults/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<VaultView> update(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody VaultChanges body) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> {
            if (body == null || body.name == null && !body.goalGiven) {
                throw ProblemException.badRequest("nothing_to_change", "Send \"name\" and/or \"goal\" (null removes the goal).");
            }
            var name = body.name == null ? null : VaultName.clean(body.name);
            var goal = body.goalGiven && body.goal != null ? goal(body.goal) : null;
            return vaults.update(owner, vault, name, goal, body.goalGiven && body.goal == null);
        }).map(VaultViews::of);
    }

    /** Closes the vault: its interest is paid and its balance swept back to the wallet. */
    @DeleteMapping("/api/savings/vaults/{id}")
    Mono<VaultView> close(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return moves.close(Callers.user(jwt), vaultId(id)).map(VaultViews::of);
    }

    @PostMapping(path = "/api/savings/vaults/{id}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> deposit(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody MoveRequest body) {
        return move(jwt, id, key, body, Kind.DEPOSIT);
    }

    @PostMapping(path = "/api/savings/vaults/{id}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> withdraw(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody MoveRequest body) {
        return move(jwt, id, key, body, Kind.WITHDRAWAL);
    }

    private Mono<ResponseEntity<String>> move(Jwt jwt, String id, String key, MoveRequest body, Kind kind) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> moves.move(owner, vault, kind, MoneyJson.cents(body == null ? null : body.amount()), key))
                .map(VaultController::entity);
    }

    @PutMapping(path = "/api/savings/vaults/{id}/round-ups", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<VaultView> roundUps(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody RoundUpsRequest body) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> body == null ? Mono.error(ProblemException.badRequest("invalid_round_ups", "\"enabled\" is true or false."))
                : vaults.roundUps(owner, vault, body.enabled(), Boolean.TRUE.equals(body.enabled()) ? RoundUp.multiplier(body.multiplier()) : null))
                .map(VaultViews::of);
    }

    @PutMapping(path = "/api/savings/vaults/{id}/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<VaultView> schedule(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody ScheduleRequest body) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_schedule", "A schedule is {\"amount\",\"frequency\",\"day\"}.");
            }
            var cents = MoneyJson.cents(body.amount());
            return vaults.schedule(owner, vault, SavingSchedule.of(cents, body.frequency(), body.day()));
        }).map(VaultViews::of);
    }

    @DeleteMapping("/api/savings/vaults/{id}/schedule")
    Mono<VaultView> unschedule(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return vaults.unschedule(Callers.user(jwt), vaultId(id)).map(VaultViews::of);
    }

    private Goal goal(GoalJson goal) {
        if (goal == null) {
            return null;
        }
        if (goal.amount() == null) {
            throw ProblemException.badRequest("invalid_goal", "A goal has an amount: {\"amount\":{\"amount\":\"500.00\",\"currency\":\"EUR\"}}.");
        }
        return Goal.of(MoneyJson.cents(goal.amount()), goal.date(), properties.today(clock));
    }

    /** A path id that is not a vault's is as unknown as another user's vault. */
    static VaultId vaultId(String id) {
        try {
            return new VaultId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw VaultService.notFound();
        }
    }

    static ResponseEntity<String> entity(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(HttpStatus.valueOf(response.status())).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(response.body());
    }
}
