// The text of `autograd-lab --help` and `autograd-lab train --help`.
import { MAX_CSV_BYTES } from '../train';

export const mainHelp = `autograd-lab: gradient descent you can reproduce in a terminal

Usage:
  autograd-lab train [options]                   train a linear model (autograd-lab train --help)
  autograd-lab derive EXPR [options]             the derivative of a loss expression (derive --help)
  autograd-lab check --loss L --gradient G       check a hand-written gradient against autograd (check --help)
  autograd-lab graph EXPR [options]              the computation graph autograd records, stepped (graph --help)
  autograd-lab --version                         print the version
  autograd-lab --help                            print this help

Start with:
  autograd-lab train --example tutorial          the tutorial's PyTorch table, digit for digit
  autograd-lab train --example tutorial-numpy    its numpy table, with the hand-written gradient
`;

export const trainHelp = `Usage: autograd-lab train DATA [options]

Trains y = X.w (+ b) by gradient descent on our autograd engine and prints every K-th epoch
as the tutorial does: "epoch 10: w = 1.665, loss = 1.16278565".

Data (exactly one):
  --example tutorial         x = 1,2,3,4, y = 2,4,6,8, f(x) = w*x, w = 0, MSE, SGD lr 0.01,
                             100 epochs, float32 (the notebook's PyTorch half; flags below override it)
  --example tutorial-numpy   the notebook's numpy half as written (hand gradient, 20 epochs)
  --x 1,2,3,4 --y 2,4,6,8    inline data; several features as rows: --x "1,2;3,4;5,6"
  --data FILE --target COL   a CSV file with a header row and numeric columns; COL is the target,
                             every other column a feature; at most ${MAX_CSV_BYTES / 1024 / 1024} MB

Model:
  --bias                     add a bias b (default: none, f(x) = X.w)
  --init zeros|uniform       initial parameters (default zeros; uniform is PyTorch nn.Linear's
                             U(-1/sqrt(D), 1/sqrt(D)) drawn from --seed)

Model and loss as expressions (Python/numpy, JS or math syntax):
  --model EXPR               the prediction from x, w (and b), e.g. "w*x"; with several features x is
                             the N x D matrix ("x @ w + b"); using b adds a bias
  --loss EXPR                the loss from y_pred and y, e.g. "((y_pred-y)**2).mean()" (see Loss below)
  --gradient EXPR            a hand-written dL/dw from x, y, y_pred, w used instead of autograd's,
                             e.g. the tutorial's "np.dot(2*x, y_pred-y).mean()"; it is checked against
                             autograd at the start, and a warning says how it differs (4x: sum vs mean)

Loss:
  --loss mse|mae|huber|EXPR  default mse. Exactly mse, mae or huber (lower case) is always the built-in
                             loss; any other text is parsed as an expression, so "MSE" or "hinge" is an
                             expression with an unknown name, and an expression that does not parse is
                             reported with a caret under the problem
  --huber-delta D            Huber's delta (default 1)
  --reduction mean|sum       default mean

Optimizer:
  --optimizer sgd|momentum|adam   default sgd (momentum = SGD with momentum 0.9)
  --lr LR                    learning rate (default 0.01; 0.001 for adam). With MSE and full batch, a
                             rate above the stability limit (2/lambda_max of the loss Hessian; higher
                             with momentum) gets a warning on stderr before the first epoch
  --momentum MU              SGD momentum, PyTorch's v = mu*v + g, p -= lr*v (implies momentum)
  --nesterov                 Nesterov momentum
  --betas B1,B2 --eps EPS    Adam's (default 0.9,0.999 and 1e-8)
  --weight-decay WD          L2 penalty added to the gradient (default 0)

Run:
  --epochs N                 default 100
  --batch-size B             mini-batches of B rows, shuffled each epoch from --seed (default: full batch)
  --dtype float32|float64    default float32, as PyTorch
  --seed S                   seed of the uniform init and the shuffle (default 0)
  --every K                  print epochs 0, K, 2K, ... (default: a tenth of the epochs)
  --predict X                print f(X) before and after training (default 5 for the tutorial;
                             several features: --predict 1,2)
  --json                     write one JSON object instead of the table:
                             {"config": {...}, "history": [{"epoch", "loss", "params": {"w": [...], "b"}}, ...],
                              "final": {"loss", "params"}, "diverged": null | {"epoch", "reason"}}
                             with every epoch in history. history[k] pairs values as PyTorch's printout
                             (and the table) does: "loss" is computed in epoch k's forward pass, at the
                             parameters BEFORE epoch k's update, and "params" are the parameters AFTER it
                             (the tutorial's epoch 0: loss 30 at w = 0, then w = 0.3). With mini-batches,
                             "loss" combines the epoch's batch losses, each taken before its own update
                             (mean over the samples, or their sum with --reduction sum). "final.loss" is the
                             loss on all the data at "final.params". "diverged.epoch" is the epoch whose
                             loss or update stopped being finite; it is not in history

Exit status: 0 trained, 1 bad arguments or data (one line on stderr, CSV errors as FILE:LINE:COLUMN),
3 training diverged (a NaN or infinite loss or parameter; stderr says which learning rate to try).
`;
