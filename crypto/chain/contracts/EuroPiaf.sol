// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// Piaf's euro stablecoin: 1 EURP = 1.00 EUR held by Piaf's treasury. Only the treasury (the owner) mints, when a
/// user buys with euros; a holder burns its own tokens to sell them back. 2 decimals, like the euro amounts Piaf holds.
contract EuroPiaf is ERC20, ERC20Burnable, Ownable {
    constructor(address treasury) ERC20("Euro Piaf", "EURP") Ownable(treasury) {}

    function decimals() public pure override returns (uint8) {
        return 2;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
